"""Translated words for the keyring status the core reports (core keeps English for logs and the CLI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.accounts.keystore import KeyringStatus

# lupdate reads `translate("Context", "text")` calls; a `tr(text)` wrapper would hide the context.
translate = QCoreApplication.translate


def keyring_message(status: KeyringStatus) -> str:
    messages = {
        "ok": translate("KeyringStatus", "Keys are saved in your system's password store, never in a file."),
        "no_store": translate(
            "KeyringStatus",
            "No password store (Secret Service) is running on this desktop, so keys cannot be saved. "
            "You can keep a key for this session only; it is forgotten when the app closes. To save keys, "
            "start your desktop's keyring (for example GNOME Keyring or KWallet) and press Retry.",
        ),
        "locked": translate(
            "KeyringStatus",
            "The password store is locked or access was refused, so keys cannot be saved right now. "
            "Unlock your keyring (or allow access when asked) and press Retry, or keep a key for this "
            "session only.",
        ),
        "insecure": translate(
            "KeyringStatus",
            "The only password store found keeps keys in a plain file, which this app does not use. You "
            "can keep a key for this session only; to save keys, start your desktop's keyring.",
        ),
    }
    return messages.get(status.reason, status.message)
