"""Core's job states and errors as translated words, badge colours and advice."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.api.errors import ErrorKind, ServiceError
from finetune_desktop.core.api.records import Job, JobError, JobStatus

# lupdate reads `translate("Context", "text")` calls; a `tr(text)` wrapper would hide the context.
translate = QCoreApplication.translate


def status_text(job: Job) -> str:
    """The badge text; an unknown status shows as the server's own word."""
    words = {
        JobStatus.VALIDATING_FILES: translate("JobWords", "Validating files"),
        JobStatus.QUEUED: translate("JobWords", "Queued"),
        JobStatus.RUNNING: translate("JobWords", "Running"),
        JobStatus.PAUSING: translate("JobWords", "Pausing"),
        JobStatus.PAUSED: translate("JobWords", "Paused"),
        JobStatus.SUCCEEDED: translate("JobWords", "Succeeded"),
        JobStatus.FAILED: translate("JobWords", "Failed"),
        JobStatus.CANCELLING: translate("JobWords", "Cancelling"),
        JobStatus.CANCELLED: translate("JobWords", "Cancelled"),
    }
    return words.get(job.status, job.status_raw)


#: badge background per state (text stays dark); unknown states are grey
BADGE_COLOURS = {
    JobStatus.VALIDATING_FILES: "#e8eefc",
    JobStatus.QUEUED: "#e8eefc",
    JobStatus.RUNNING: "#d9ecff",
    JobStatus.PAUSING: "#fff2cc",
    JobStatus.PAUSED: "#fff2cc",
    JobStatus.SUCCEEDED: "#dff3e3",
    JobStatus.FAILED: "#fbe0e0",
    JobStatus.CANCELLING: "#eeeeee",
    JobStatus.CANCELLED: "#eeeeee",
}


def badge_colour(job: Job) -> str:
    return BADGE_COLOURS.get(job.status, "#eeeeee")


def when(ts: int | None) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else "—"


def progress_text(step: int | None, total: int | None, eta: int | None) -> str:
    """ "42% · about 3 min left" for a running job."""
    parts: list[str] = []
    if step is not None and total:
        parts.append(f"{100 * step // total}%")
    if eta:
        left = max(0, eta - int(dt.datetime.now().timestamp()))
        minutes = max(1, round(left / 60))
        parts.append(translate("JobWords", "about %1 min left").replace("%1", str(minutes)))
    return " · ".join(parts)


def explain_error(error: JobError | None) -> tuple[str, str]:
    """(what happened, what to do) for a failed job, in plain words."""
    if error is None:
        return (
            translate("JobWords", "The job failed and the server gave no reason."),
            translate(
                "JobWords",
                "Try starting it again; if it fails again, contact the server's support with the job id.",
            ),
        )
    code = error.code.lower()
    message = error.message
    if "file" in code or (error.param or "").endswith("_file"):
        which = (
            translate("JobWords", "validation file")
            if "validation" in (code + (error.param or ""))
            else translate("JobWords", "training file")
        )
        return (
            translate("JobWords", "The server refused the %1: %2")
            .replace("%1", which)
            .replace("%2", message),
            translate(
                "JobWords",
                "Open the dataset, fix the example the message names (the checker in the Dataset screen "
                "finds most such problems), then start a new job.",
            ),
        )
    if "quota" in code or "billing" in code or "insufficient" in code:
        return (
            translate("JobWords", "The account has no credit or quota left for training: %1").replace(
                "%1", message
            ),
            translate(
                "JobWords",
                "Add credit or raise the limit in the provider's billing settings, then start the job again.",
            ),
        )
    if "permission" in code or "not_allowed" in code or "forbidden" in code or "403" in code:
        return (
            translate("JobWords", "Fine-tuning is not allowed for this organisation or key: %1").replace(
                "%1", message
            ),
            translate(
                "JobWords",
                "Ask the account's owner to enable fine-tuning, or use another connection in Settings "
                "(the sandbox always works).",
            ),
        )
    return (
        translate("JobWords", "The job failed: %1").replace("%1", message or code),
        translate(
            "JobWords", "Read the job's events below for details; fix what they name and start a new job."
        ),
    )


def service_problem(error: BaseException) -> str:
    """A failed request (core's ServiceError kind) as one translated sentence with what happens next."""
    kind = error.kind if isinstance(error, ServiceError) else ErrorKind.UNKNOWN
    texts = {
        ErrorKind.RATE_LIMITED: translate(
            "JobWords", "The server asks for fewer requests; the app waits as long as it asks."
        ),
        ErrorKind.SERVER: translate(
            "JobWords", "The server had an error; the app tries again a little later."
        ),
        ErrorKind.CONNECTION: translate(
            "JobWords", "The server cannot be reached; the app keeps trying and shows what it has."
        ),
        ErrorKind.TIMEOUT: translate("JobWords", "The server is slow to answer; the app keeps trying."),
        ErrorKind.AUTH: translate("JobWords", "The server refused the key. Check the key in Settings."),
        ErrorKind.PERMISSION: translate(
            "JobWords", "This key may not use fine-tuning. Check the account or use another connection."
        ),
        ErrorKind.FINE_TUNING_REFUSED: translate(
            "JobWords", "Fine-tuning is closed for this organisation. Use another connection."
        ),
        ErrorKind.QUOTA: translate(
            "JobWords", "The account has no credit or quota left. Add credit in the provider's billing page."
        ),
        ErrorKind.NOT_FOUND: translate("JobWords", "The server does not know this job or file."),
        ErrorKind.UNCERTAIN: translate(
            "JobWords",
            "The connection dropped while the server may have acted; the app checked and did not repeat it.",
        ),
    }
    return texts.get(kind, translate("JobWords", "The last request failed; the app tries again later."))


def finished_message(job: Job) -> str:
    """The notification text for a job that ended."""
    name = job.suffix or job.id
    if job.status is JobStatus.SUCCEEDED:
        return (
            translate("JobWords", "Job “%1” succeeded. Model: %2")
            .replace("%1", name)
            .replace("%2", job.fine_tuned_model or "—")
        )
    if job.status is JobStatus.FAILED:
        return translate("JobWords", "Job “%1” failed. Open it in Jobs to see why.").replace("%1", name)
    return translate("JobWords", "Job “%1” was cancelled.").replace("%1", name)
