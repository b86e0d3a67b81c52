"""The model catalog: which models can be fine-tuned, their tokenizer, training context, prices and dates.

Bundled in ``resources/models.json``; the user can override any field per model (or add models) from
``<config>/models.json`` or a file given explicitly. OpenAI stopped publishing per-token training prices in
2026, so the bundled prices are the last published ones, each with its date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from finetune_desktop.core.catalog.model_names import base_model
from finetune_desktop.core.files.file_kind import not_regular_reason
from finetune_desktop.core.paths import app_paths, resources_dir
from finetune_desktop.core.tokens.encodings import KNOWN_ENCODINGS, encoding_for_model

CATALOG_FILE = "models.json"
STATUSES = ("available", "retired", "legacy")
METHODS = ("supervised", "dpo", "reinforcement")
_PRICE_FIELDS = (
    "training_price_per_1m",
    "input_price_per_1m",
    "cached_input_price_per_1m",
    "output_price_per_1m",
)
_DATE_FIELDS = ("new_jobs_until", "shutdown_date")
_KNOWN_FIELDS = frozenset(
    {
        "status",
        "aliases",
        "encoding",
        "training_context",
        "training_context_verified",
        "prices_date",
        "methods",
        "note",
        "local",
        *_PRICE_FIELDS,
        *_DATE_FIELDS,
    }
)


class CatalogError(Exception):
    """A catalog file that cannot be used; the message names the file and the field and what to do."""


@dataclass(frozen=True)
class ModelInfo:
    id: str
    encoding: str
    training_context: int | None
    training_price_per_1m: Decimal | None
    input_price_per_1m: Decimal | None
    output_price_per_1m: Decimal | None
    prices_date: str | None
    new_jobs_until: date | None
    shutdown_date: date | None
    methods: tuple[str, ...]
    status: str = "available"
    cached_input_price_per_1m: Decimal | None = None
    training_context_verified: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""
    #: trained on this computer by the built-in server's local engine (not by OpenAI; price 0)
    local: bool = False

    def accepts_new_jobs(self, today: date | None = None) -> bool:
        """Whether jobs can still be created on ``today`` by the dates in the catalog."""
        today = today or date.today()
        if self.status == "retired":
            return False
        return self.new_jobs_until is None or today <= self.new_jobs_until

    def is_shut_down(self, today: date | None = None) -> bool:
        today = today or date.today()
        return self.shutdown_date is not None and today >= self.shutdown_date


def local_model_info(model_id: str, note: str = "") -> ModelInfo:
    """A base model the built-in server's local engine offers that the catalog does not list (a folder of
    the user's, a ``.gguf`` file): trained on this computer, price 0, any length (the engine cuts examples
    longer than its sequence length). Counts use o200k_base, an estimate: the model has its own tokenizer.
    """
    zero = Decimal(0)
    return ModelInfo(
        id=model_id,
        encoding="o200k_base",
        training_context=None,
        training_price_per_1m=zero,
        input_price_per_1m=zero,
        output_price_per_1m=zero,
        prices_date=None,
        new_jobs_until=None,
        shutdown_date=None,
        methods=("supervised",),
        note=note,
        local=True,
    )


@dataclass(frozen=True)
class Currency:
    code: str
    rate_per_usd: Decimal
    rate_date: str | None = None
    note: str = ""


@dataclass
class Catalog:
    models: dict[str, ModelInfo]
    currency: Currency
    default_model: str
    sources: list[Path] = field(default_factory=list)
    #: Problems with an override file found on its own (the bundled values were used instead).
    problems: list[str] = field(default_factory=list)

    def get(self, model: str) -> ModelInfo | None:
        """The entry for a model id, alias, ``ft:`` name or checkpoint name; None if unknown."""
        name = base_model(model)
        info = self.models.get(name)
        if info is not None:
            return info
        for candidate in self.models.values():
            if name in candidate.aliases:
                return candidate
        return None

    def require(self, model: str) -> ModelInfo:
        info = self.get(model)
        if info is None:
            known = ", ".join(self.fine_tunable_ids()) or ", ".join(self.models)
            raise CatalogError(f"Unknown model {model!r}. Choose one of: {known}.")
        return info

    def with_model(self, info: ModelInfo) -> Catalog:
        """A copy that also lists ``info`` (the catalog itself is shared and stays as it was)."""
        return Catalog(
            {**self.models, info.id: info},
            self.currency,
            self.default_model,
            list(self.sources),
            list(self.problems),
        )

    def fine_tunable(self, today: date | None = None) -> list[ModelInfo]:
        """Models the OpenAI service can still fine-tune on ``today`` (local models are not among them)."""
        return [
            m
            for m in self.models.values()
            if m.status == "available" and not m.local and m.accepts_new_jobs(today)
        ]

    def fine_tunable_ids(self) -> list[str]:
        return [m.id for m in self.models.values() if m.status == "available" and not m.local]


# --- loading -----------------------------------------------------------------------------------------


def bundled_catalog_path() -> Path:
    return resources_dir() / CATALOG_FILE


def user_catalog_path() -> Path:
    return app_paths().config / CATALOG_FILE


def load_catalog(override: Path | None = None) -> Catalog:
    """The bundled catalog merged with an override (per model, per field).

    ``override`` given: it must exist and be valid, else :class:`CatalogError`. Not given: the user's
    ``<config>/models.json`` is used when present; if it is broken the bundled catalog is returned with the
    reason in ``Catalog.problems`` (the app keeps working and shows the message).
    """
    base_path = bundled_catalog_path()
    base = _read_json(base_path)
    raw_models: dict[str, dict[str, Any]] = {k: dict(v) for k, v in base.get("models", {}).items()}
    currency_raw: dict[str, Any] = dict(base.get("currency", {}))
    default_model = str(base.get("default_model", next(iter(raw_models), "")))
    sources = [base_path]
    problems: list[str] = []

    path = override if override is not None else user_catalog_path()
    if override is not None or path.is_file():
        try:
            over = _read_json(path)
            merged_models, merged_currency, merged_default = _merge(
                path, raw_models, currency_raw, default_model, over
            )
            catalog = _build(merged_models, merged_currency, merged_default, path)
            catalog.sources = [*sources, path]
            return catalog
        except (ValueError, TypeError, ArithmeticError, RecursionError) as exc:
            # A value of a shape no field check foresaw (a 5,000-digit number in a note...): still a
            # broken catalog, never a traceback.
            broken = CatalogError(f"{path}: not a valid models file ({type(exc).__name__}). {_FIX}")
            if override is not None:
                raise broken from None
            problems.append(f"{broken} The bundled model list is used instead.")
        except CatalogError as exc:
            if override is not None:
                raise
            problems.append(f"{exc} The bundled model list is used instead.")
    catalog = _build(raw_models, currency_raw, default_model, base_path)
    catalog.sources = sources
    catalog.problems = problems
    return catalog


_FIX = "Fix the file or delete it to use the bundled model list."
#: A models file is a few kB; anything far larger is not one (and is not read into memory).
MAX_CATALOG_BYTES = 16 * 1024 * 1024
#: Prices and rates above this are typing mistakes, and would overflow exact decimal arithmetic.
MAX_PRICE = Decimal(1_000_000)


def _read_json(path: Path) -> dict[str, Any]:
    kind = not_regular_reason(path)
    if kind is not None:
        raise CatalogError(f"{path}: it is {kind}, not a models file. Give a .json file.")
    try:
        if path.stat().st_size > MAX_CATALOG_BYTES:
            mb = MAX_CATALOG_BYTES // 1024 // 1024
            raise CatalogError(f"{path}: larger than {mb} MB, so not a models file. {_FIX}")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{path}: file not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot be read ({exc}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}). "
            "Fix the file or delete it to use the bundled model list."
        ) from None
    except RecursionError:
        raise CatalogError(f"{path}: nested too deeply to be a models file. {_FIX}") from None
    except ValueError:  # a number longer than Python converts (over 4,300 digits)
        raise CatalogError(f"{path}: holds a number with more than 4,300 digits. {_FIX}") from None
    if not isinstance(data, dict):
        raise CatalogError(f'{path}: must hold a JSON object like {{"models": {{...}}}}.')
    return data


def _merge(
    path: Path,
    models: dict[str, dict[str, Any]],
    currency: dict[str, Any],
    default_model: str,
    over: dict[str, Any],
) -> tuple[dict[str, dict[str, Any]], dict[str, Any], str]:
    unknown = set(over) - {"schema", "about", "models", "currency", "default_model"}
    if unknown:
        raise CatalogError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))}.")
    merged = {k: dict(v) for k, v in models.items()}
    over_models = over.get("models", {})
    if not isinstance(over_models, dict):
        raise CatalogError(f'{path}: "models" must be an object mapping model ids to their fields.')
    for model_id, fields in over_models.items():
        if not isinstance(fields, dict):
            raise CatalogError(f'{path}: models["{model_id}"] must be an object of fields.')
        merged.setdefault(model_id, {}).update(fields)
    merged_currency = dict(currency)
    cur = over.get("currency", {})
    if not isinstance(cur, dict):
        raise CatalogError(
            f'{path}: "currency" must be an object like {{"code": "CNY", "rate_per_usd": "7.1"}}.'
        )
    merged_currency.update(cur)
    new_default = over.get("default_model", default_model)
    if not isinstance(new_default, str):
        raise CatalogError(f'{path}: "default_model" must be a model id string.')
    return merged, merged_currency, new_default


def _build(
    raw_models: dict[str, dict[str, Any]], currency: dict[str, Any], default_model: str, path: Path
) -> Catalog:
    models = {model_id: _model(model_id, fields, path) for model_id, fields in raw_models.items()}
    if default_model not in models:
        raise CatalogError(f'{path}: "default_model" {default_model!r} is not in "models".')
    return Catalog(models, _currency(currency, path), default_model)


def _model(model_id: str, f: dict[str, Any], path: Path) -> ModelInfo:
    where = f'{path}: models["{model_id}"]'
    unknown = set(f) - _KNOWN_FIELDS
    if unknown:
        raise CatalogError(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))}. "
            f"Known fields: {', '.join(sorted(_KNOWN_FIELDS))}."
        )
    encoding = f.get("encoding", encoding_for_model(model_id))
    if encoding not in KNOWN_ENCODINGS:
        raise CatalogError(
            f"{where}.encoding: must be one of {', '.join(KNOWN_ENCODINGS)}, not {encoding!r}."
        )
    ctx = f.get("training_context")
    if ctx is not None and (isinstance(ctx, bool) or not isinstance(ctx, int) or ctx <= 0):
        raise CatalogError(f"{where}.training_context: must be a positive whole number of tokens or null.")
    status = f.get("status", "available")
    if status not in STATUSES:
        raise CatalogError(f"{where}.status: must be one of {', '.join(STATUSES)}.")
    methods = f.get("methods", ["supervised"])
    if not isinstance(methods, list) or any(m not in METHODS for m in methods):
        raise CatalogError(f"{where}.methods: must be a list drawn from {', '.join(METHODS)}.")
    aliases = f.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise CatalogError(f"{where}.aliases: must be a list of names.")
    prices = {name: _price(f.get(name), f"{where}.{name}") for name in _PRICE_FIELDS}
    dates = {name: _date(f.get(name), f"{where}.{name}") for name in _DATE_FIELDS}
    prices_date = f.get("prices_date")
    if prices_date is not None and not isinstance(prices_date, str):
        raise CatalogError(f'{where}.prices_date: must be a date text like "2025-11" or null.')
    verified = f.get("training_context_verified", False)
    if not isinstance(verified, bool):
        raise CatalogError(f"{where}.training_context_verified: must be true or false.")
    local = f.get("local", False)
    if not isinstance(local, bool):
        raise CatalogError(f"{where}.local: must be true or false.")
    return ModelInfo(
        id=model_id,
        encoding=encoding,
        training_context=ctx,
        training_price_per_1m=prices["training_price_per_1m"],
        input_price_per_1m=prices["input_price_per_1m"],
        output_price_per_1m=prices["output_price_per_1m"],
        cached_input_price_per_1m=prices["cached_input_price_per_1m"],
        prices_date=prices_date,
        new_jobs_until=dates["new_jobs_until"],
        shutdown_date=dates["shutdown_date"],
        methods=tuple(methods),
        status=status,
        training_context_verified=verified,
        aliases=tuple(aliases),
        note=str(f.get("note", "")),
        local=local,
    )


def _price(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CatalogError(f'{where}: must be a price in USD per 1M tokens such as "25.00", or null.')
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):  # ValueError: an int over 4,300 digits
        raise CatalogError(f'{where}: {value!r} is not a number; write a price such as "25.00".') from None
    if not d.is_finite() or d < 0:
        raise CatalogError(f"{where}: must be zero or more.")
    if d > MAX_PRICE:
        raise CatalogError(f"{where}: {d:.3g} is too large; write a price such as \"25.00\".")
    return d


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CatalogError(f'{where}: {value!r} is not a date; write it as "YYYY-MM-DD".') from None


def _currency(raw: dict[str, Any], path: Path) -> Currency:
    code = raw.get("code", "CNY")
    if not isinstance(code, str) or not code.strip():
        raise CatalogError(f'{path}: currency.code must be a currency code such as "CNY".')
    rate = _price(raw.get("rate_per_usd", "1"), f"{path}: currency.rate_per_usd")
    if rate is None or rate == 0:
        raise CatalogError(f"{path}: currency.rate_per_usd must be a number above zero.")
    rate_date = raw.get("rate_date")
    return Currency(
        code.strip().upper(), rate, None if rate_date is None else str(rate_date), str(raw.get("note", ""))
    )
