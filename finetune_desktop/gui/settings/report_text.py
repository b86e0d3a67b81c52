"""Turn a core ``ConnectionReport`` (or a failure) into translated, plain-language HTML."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from finetune_desktop.core.accounts.connection_check import (
    FINAL_SHUTDOWN,
    NEW_JOBS_END,
    ConnectionReport,
    JobEligibility,
)
from finetune_desktop.gui.settings.profile_names import builtin_name

# lupdate reads `translate("Context", "text")` calls; a `tr(text)` wrapper would hide the context.
translate = QCoreApplication.translate


def _date(value: dt.date) -> str:
    return str(QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat))


def report_html(report: ConnectionReport) -> str:
    e = html.escape
    name = builtin_name(report.kind) or report.profile_name  # core names built-ins in English
    parts = [
        "<p><b>✔ "
        + e(translate("ConnectionReport", "Connected to “{name}”.").format(name=name))
        + "</b> "
        + e(translate("ConnectionReport", "The server lists {n} models.").format(n=report.model_count))
        + "</p>"
    ]
    if report.base_models:
        parts.append(
            "<p>"
            + e(
                translate("ConnectionReport", "Fine-tunable base models offered: {m}.").format(
                    m=", ".join(report.base_models)
                )
            )
            + "</p>"
        )
    eligibility = {
        JobEligibility.OPEN: translate(
            "ConnectionReport",
            "New fine-tuning jobs: possible by date — {end} is the last day OpenAI accepts new jobs "
            "({days} days from today). A test cannot fully tell: OpenAI also refuses organisations "
            "without recent use of a fine-tuned model, and only creating a job shows that.",
        ).format(days=report.days_until_new_jobs_end, end=_date(NEW_JOBS_END)),
        JobEligibility.NO_HISTORY: translate(
            "ConnectionReport",
            "New fine-tuning jobs: probably refused. This organisation has no fine-tuning jobs on record, "
            "and since 7 May 2026 OpenAI accepts jobs only from organisations that fine-tuned before.",
        ),
        JobEligibility.CLOSED: translate(
            "ConnectionReport",
            "New fine-tuning jobs: closed. OpenAI accepted new jobs until {end}. The dataset tools, "
            "the sandbox, compatible servers and Azure still work.",
        ).format(end=_date(NEW_JOBS_END)),
        JobEligibility.SERVER_DECIDES: translate(
            "ConnectionReport",
            "New fine-tuning jobs: this server decides; OpenAI's cutoff dates do not apply to it.",
        ),
    }[report.eligibility]
    parts.append("<p>" + e(eligibility) + "</p>")
    if report.has_job_history is not None:
        history = (
            translate(
                "ConnectionReport",
                "The fine-tuning API answered: this account has fine-tuning jobs on record.",
            )
            if report.has_job_history
            else translate("ConnectionReport", "The fine-tuning API answered: no fine-tuning jobs on record.")
        )
        parts.append("<p>" + e(history) + "</p>")
    elif report.jobs_error:
        parts.append(
            "<p>"
            + e(
                translate("ConnectionReport", "The jobs list could not be read: {why}").format(
                    why=report.jobs_error
                )
            )
            + "</p>"
        )
    if report.fine_tuned:
        rows = []
        for model in report.fine_tuned:
            if model.shutdown_date is None:
                when = translate("ConnectionReport", "no shutdown date announced")
            else:
                when = _date(model.shutdown_date)
                if model.derived:
                    when += " " + translate("ConnectionReport", "(its base model's date)")
                if model.shutdown_date <= report.today:
                    when += " — " + translate("ConnectionReport", "already shut down")
            rows.append(f"<tr><td><code>{e(model.id)}</code></td><td>&nbsp;{e(when)}</td></tr>")
        parts.append(
            "<p><b>"
            + e(translate("ConnectionReport", "Your fine-tuned models and when they shut down:"))
            + "</b></p><table>"
            + "".join(rows)
            + "</table>"
        )
    else:
        parts.append(
            "<p>" + e(translate("ConnectionReport", "No fine-tuned models on this account.")) + "</p>"
        )
    if report.kind.value in ("openai", "environment"):
        parts.append(
            "<p><small>"
            + e(
                translate(
                    "ConnectionReport",
                    "The last fine-tunable base models and every fine-tune on them shut down on {d}.",
                ).format(d=_date(FINAL_SHUTDOWN))
            )
            + "</small></p>"
        )
    return "".join(parts)


def failure_html(title: str, what_to_do: str = "", detail: str = "") -> str:
    e = html.escape
    text = f"<p><b>✘ {e(title)}</b></p>"
    if what_to_do:
        text += f"<p>{e(what_to_do)}</p>"
    if detail:
        text += f"<p><small>{e(detail)}</small></p>"
    return text
