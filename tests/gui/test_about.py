"""The About dialog: version, licence, the app's folders and the catalog's price date."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from finetune_desktop.core.about import AboutFacts, CatalogDates, about_facts
from finetune_desktop.gui.about import AboutDialog
from finetune_desktop.gui.main_window import MainWindow
from tests.gui.editor_helpers import window

__all__ = ["window"]


def test_help_menu_opens_about_with_the_facts(qtbot: QtBot, window: MainWindow, app_home: Path) -> None:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isVisible())
    dlg = window.about_dialog
    assert isinstance(dlg, AboutDialog)
    assert dlg.version_label.text() == importlib.metadata.version("finetune-desktop")
    assert dlg.folder_rows["data"].text() == str(app_home / "data")
    assert dlg.folder_rows["config"].text() == str(app_home / "config")
    assert dlg.folder_rows["logs"].text() == str(app_home / "logs")
    texts = " ".join(label.text() for label in dlg.findChildren(QLabel))
    assert "MIT" in texts
    prices = about_facts().catalog.prices_date
    assert prices
    assert prices in dlg.prices_label.text()
    dlg.reject()
    qtbot.waitUntil(lambda: not dlg.isVisible())


def test_about_says_when_the_catalog_could_not_be_read(qtbot: QtBot, tmp_path: Path) -> None:
    facts = AboutFacts(
        "9.9", "MIT", tmp_path / "c", tmp_path / "d", tmp_path / "l",
        CatalogDates(None, None, (), "models.json: line 1 is not valid JSON."),
    )
    dlg = AboutDialog(facts)
    qtbot.addWidget(dlg)
    assert dlg.prices_label.text() == "models.json: line 1 is not valid JSON."
    assert dlg.version_label.text() == "9.9"
