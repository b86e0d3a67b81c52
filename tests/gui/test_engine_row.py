"""The Settings row that picks the built-in server's engine, and the app reading it at start."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop import app
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.settings.engine_row import ENGINE_KEY, EngineRow, saved_engine


def test_the_engine_choice_is_saved_for_the_next_start(qtbot: QtBot) -> None:
    settings = AppContext.ui_settings()
    settings.remove(ENGINE_KEY)
    row = EngineRow(settings)
    qtbot.addWidget(row)
    assert row.choice() == "simulated"
    assert "pip install" not in row.note.text()
    index = row.combo.findData("local")
    with qtbot.waitSignal(row.engine_chosen) as chosen:
        row.combo.setCurrentIndex(index)
        row.combo.activated.emit(index)
    assert chosen.args == ["local"]
    assert saved_engine(AppContext.ui_settings()) == "local"
    assert 'pip install "finetune-desktop[local]"' in row.note.text()
    assert "Restart" in row.note.text()
    again = EngineRow(AppContext.ui_settings())
    qtbot.addWidget(again)
    assert again.choice() == "local"


def test_an_unknown_saved_engine_reads_as_the_simulated_demo(qtbot: QtBot) -> None:
    settings = AppContext.ui_settings()
    settings.setValue(ENGINE_KEY, "quantum")
    assert saved_engine(settings) == "simulated"


def test_the_app_starts_the_built_in_server_with_the_chosen_engine(qtbot: QtBot) -> None:
    settings = AppContext.ui_settings()
    settings.setValue(ENGINE_KEY, "simulated")
    settings.sync()
    assert type(app._chosen_engine()).__name__ == "SimulatedEngine"
    pytest.importorskip("torch")
    pytest.importorskip("peft")
    settings.setValue(ENGINE_KEY, "local")
    settings.sync()
    engine = app._chosen_engine()
    assert type(engine).__name__ == "LocalEngine"
    engine.close()
