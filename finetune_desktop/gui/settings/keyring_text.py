"""Translated words for the keyring status the core reports (core keeps English for logs and the CLI)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from finetune_desktop.core.keystore import KeyringStatus


def keyring_message(status: KeyringStatus) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("KeyringStatus", text)

    messages = {
        "ok": tr("Keys are saved in your system's password store, never in a file."),
        "no_store": tr(
            "No password store (Secret Service) is running on this desktop, so keys cannot be saved. "
            "You can keep a key for this session only; it is forgotten when the app closes. To save keys, "
            "start your desktop's keyring (for example GNOME Keyring or KWallet) and press Retry."
        ),
        "locked": tr(
            "The password store is locked or access was refused, so keys cannot be saved right now. "
            "Unlock your keyring (or allow access when asked) and press Retry, or keep a key for this "
            "session only."
        ),
        "insecure": tr(
            "The only password store found keeps keys in a plain file, which this app does not use. You "
            "can keep a key for this session only; to save keys, start your desktop's keyring."
        ),
    }
    return messages.get(status.reason, status.message)
