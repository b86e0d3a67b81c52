"""Translated words for a core ``ProfileError`` (by its code; the English message is the fallback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.accounts.profile_store import DEFAULT_AZURE_API_VERSION, ProfileError

# lupdate reads `translate("Context", "text")` calls; a `tr(text)` wrapper would hide the context.
translate = QCoreApplication.translate


def profile_error_text(error: ProfileError) -> str:
    field_names = {
        "name": translate("ProfileError", "Name"),
        "organization": translate("ProfileError", "Organization ID"),
        "project": translate("ProfileError", "Project ID"),
        "azure_endpoint": translate("ProfileError", "Azure endpoint"),
        "api_version": translate("ProfileError", "API version"),
        "base_url": translate("ProfileError", "Base URL"),
    }
    field = field_names.get(error.field or "", error.field or "")
    texts = {
        "name_required": translate("ProfileError", "Give the connection a name, for example “Work account”."),
        "name_taken": translate(
            "ProfileError", "A connection called “{name}” already exists. Choose another name."
        ),
        "looks_like_key": translate(
            "ProfileError",
            "The {field} field looks like an API key. Put the key in the API key field: only that field "
            "is kept in the system's password store.",
        ),
        "url_required": translate("ProfileError", "{field} is required, for example https://example.com/v1."),
        "url_invalid": translate(
            "ProfileError", "{field} must be a full web address starting with https://."
        ),
        "api_version_required": translate(
            "ProfileError", "The API version is required for Azure, for example {version}."
        ),
        "built_in": translate("ProfileError", "“{name}” is built in and cannot be changed or deleted."),
    }
    template = texts.get(error.code)
    if template is None:
        return str(error)
    return template.format(field=field, version=DEFAULT_AZURE_API_VERSION, **error.params)
