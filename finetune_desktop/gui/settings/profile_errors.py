"""Translated words for a core ``ProfileError`` (by its code; the English message is the fallback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.profile_store import DEFAULT_AZURE_API_VERSION, ProfileError


def profile_error_text(error: ProfileError) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("ProfileError", text)

    field_names = {
        "name": tr("Name"),
        "organization": tr("Organization ID"),
        "project": tr("Project ID"),
        "azure_endpoint": tr("Azure endpoint"),
        "api_version": tr("API version"),
        "base_url": tr("Base URL"),
    }
    field = field_names.get(error.field or "", error.field or "")
    texts = {
        "name_required": tr("Give the connection a name, for example “Work account”."),
        "name_taken": tr("A connection called “{name}” already exists. Choose another name."),
        "looks_like_key": tr(
            "The {field} field looks like an API key. Put the key in the API key field: only that field "
            "is kept in the system's password store."
        ),
        "url_required": tr("{field} is required, for example https://example.com/v1."),
        "url_invalid": tr("{field} must be a full web address starting with https://."),
        "api_version_required": tr("The API version is required for Azure, for example {version}."),
        "built_in": tr("“{name}” is built in and cannot be changed or deleted."),
    }
    template = texts.get(error.code)
    if template is None:
        return str(error)
    return template.format(field=field, version=DEFAULT_AZURE_API_VERSION, **error.params)
