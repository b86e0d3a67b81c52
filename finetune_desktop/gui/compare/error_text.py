"""Translated words for a failed request (by the core error's kind; the server's own text follows as is)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.accounts.connection import MissingKeyError
from finetune_desktop.core.compare.access import is_service_error

# lupdate reads `translate("Context", "text")` calls; a `tr(text)` wrapper would hide the context.
translate = QCoreApplication.translate


def kind_text(kind: str) -> str:
    texts = {
        "auth": translate("CompareError", "The server did not accept the API key. Check it in Settings."),
        "permission": translate("CompareError", "This key is not allowed to use that model."),
        "not_found": translate(
            "CompareError", "The server does not know this model. Pick another one, or check its name."
        ),
        "rate_limited": translate(
            "CompareError", "The server is busy with too many requests. Wait a moment and try again."
        ),
        "quota": translate("CompareError", "The account has run out of credit or quota."),
        "server": translate("CompareError", "The server had an internal problem. Try again later."),
        "connection": translate("CompareError", "Could not reach the server. Check the connection."),
        "timeout": translate("CompareError", "The server took too long to answer. Try again."),
        "bad_request": translate("CompareError", "The server rejected the request."),
    }
    return texts.get(
        kind.split(":")[0], translate("CompareError", "Something went wrong talking to the server.")
    )


def error_text(exc: BaseException) -> str:
    """One or two lines for a column or a status line."""
    if is_service_error(exc):
        text = kind_text(str(getattr(exc, "kind", "")))
        detail = str(getattr(exc, "detail", "") or "")
        if detail:
            text += "\n" + translate("CompareError", "Server said: %1").replace("%1", detail)
        return text
    if isinstance(exc, MissingKeyError):
        return translate("CompareError", "This connection has no API key stored. Add it in Settings.")
    return str(exc) or type(exc).__name__
