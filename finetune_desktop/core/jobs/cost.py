"""What a job actually cost: the tokens the server says it trained on times the catalog's price."""

from __future__ import annotations

from finetune_desktop.core.api.records import Job
from finetune_desktop.core.catalog.models import Catalog
from finetune_desktop.core.catalog.pricing import Cost, estimate_cost


def actual_cost(job: Job, catalog: Catalog) -> Cost | None:
    """None while the server has not reported trained tokens or the model has no price in the catalog."""
    if job.trained_tokens is None:
        return None
    info = catalog.get(job.model)
    if info is None or info.training_price_per_1m is None:
        return None
    cur = catalog.currency
    return estimate_cost(
        int(job.trained_tokens), 1, info, rate=cur.rate_per_usd, currency=cur.code, rate_date=cur.rate_date
    )
