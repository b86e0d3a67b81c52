"""Translated names for the built-in profiles (core names them in English for files, logs and the CLI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.accounts.profiles import Profile, ProfileKind


def display_name(profile: Profile, *, detailed: bool = False) -> str:
    """The name to show: built-in profiles (which cannot be renamed) in the GUI's language."""
    return builtin_name(profile.kind, detailed=detailed) or profile.name


def builtin_name(kind: ProfileKind, *, detailed: bool = False) -> str | None:
    """The translated name of the built-in profile of this kind; None for kinds the user names.

    ``detailed`` adds what a newcomer needs where no kind label is shown beside it (the status bar):
    the sandbox is free and needs no account.
    """
    if kind is ProfileKind.SANDBOX:
        if detailed:
            return QCoreApplication.translate("ProfileNames", "Sandbox (local, free, no account)")
        return QCoreApplication.translate("ProfileNames", "Sandbox (local)")
    if kind is ProfileKind.ENVIRONMENT:
        return QCoreApplication.translate("ProfileNames", "Environment (OPENAI_API_KEY)")
    return None


def missing_key_text(profile: Profile) -> str:
    """The GUI's words for core's ``MissingKeyError``."""
    if profile.kind is ProfileKind.ENVIRONMENT:
        return QCoreApplication.translate(
            "ProfileNames", "OPENAI_API_KEY is empty. Set it, or add a profile with a key in Settings."
        )
    return QCoreApplication.translate(
        "ProfileNames",
        "No API key is stored for the profile “%1”. Open Settings, select the profile and paste its key "
        "(or switch to the built-in sandbox to try the app without one).",
    ).replace("%1", display_name(profile))
