"""Chat compare against the sandbox over loopback: columns stream together, Stop, add to dataset, blind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from finetune_desktop.core.compare.conversation import ConversationStore
from finetune_desktop.core.compare.tally import Tally
from finetune_desktop.gui.compare.chat_pane import ChatComparePane
from finetune_desktop.gui.compare.model_picker import ModelDirectory
from finetune_desktop.gui.context import AppContext
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.sandbox import routes_chat
from tests.gui.compare.conftest import MODEL_A, MODEL_B

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def pane(
    qtbot: QtBot, context: AppContext, directory: ModelDirectory, document: DatasetDocument
) -> ChatComparePane:
    widget = ChatComparePane(context, directory, document)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    with qtbot.waitSignal(widget.conversations_listed, timeout=5000):
        pass
    widget.set_model(0, MODEL_A)
    widget.set_model(1, MODEL_B)
    return widget


def _send(pane: ChatComparePane, text: str) -> None:
    pane.input_edit.setPlainText(text)
    pane.send()


def test_two_columns_stream_at_the_same_time(
    qtbot: QtBot, pane: ChatComparePane, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes_chat, "CHUNK_DELAY_S", 0.15)  # ~1 s per reply: ample overlap
    events: list[tuple[str, int]] = []
    pane.reply_grew.connect(lambda i: events.append(("grew", i)))
    pane.reply_ended.connect(lambda i: events.append(("ended", i)))
    pane.system_edit.setPlainText("Answer briefly.")
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "What is a tide pool?")
    first_end = events.index(next(e for e in events if e[0] == "ended"))
    grown_before_end = {i for kind, i in events[:first_end] if kind == "grew"}
    assert grown_before_end == {0, 1}, f"both replies must grow before either ends: {events}"
    assert sum(1 for e in events if e == ("grew", 0)) > 2
    for i, model in enumerate((MODEL_A, MODEL_B)):
        col = pane.columns[i]
        assert f"sandbox base model {model}" in col.reply_text()
        reply = pane.conv.reply(0, i)
        assert reply is not None
        assert reply.first_token_s is not None
        assert reply.total_s is not None
        assert reply.total_s >= reply.first_token_s
        assert reply.prompt_tokens
        assert reply.completion_tokens
        assert not reply.stopped
        assert "tokens in" in col.stats.text()
    # the messages sent carried the shared system prompt
    assert pane.conv.messages_for(0)[0] == {"role": "system", "content": "Answer briefly."}


def test_stop_cancels_both_and_keeps_partial_text_marked_stopped(
    qtbot: QtBot, pane: ChatComparePane, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes_chat, "CHUNK_DELAY_S", 0.3)
    grown: set[int] = set()
    pane.reply_grew.connect(grown.add)
    _send(pane, "Tell me a long story.")
    qtbot.waitUntil(lambda: grown == {0, 1} and all(c.reply_text() for c in pane.columns), timeout=10000)
    assert pane.stop_button.isEnabled()
    with qtbot.waitSignal(pane.replies_finished, timeout=5000):
        qtbot.mouseClick(pane.stop_button, LEFT)
    assert not pane.busy
    for i, col in enumerate(pane.columns):
        reply = pane.conv.reply(0, i)
        assert reply is not None
        assert reply.stopped
        assert reply.text
        assert not reply.text.endswith("training examples.")  # cut short, not the whole answer
        assert "Stopped" in col.stats.text()
    assert pane.context.runner.wait(10000)


def test_add_to_dataset_creates_an_example_and_undo_removes_it(
    qtbot: QtBot, pane: ChatComparePane, document: DatasetDocument
) -> None:
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "Where do crabs live?")
    pane.columns[1].reply.setPlainText("Crabs live in tide pools.")  # the user improves the reply
    with qtbot.waitSignal(pane.example_added):
        qtbot.mouseClick(pane.columns[1].add_button, LEFT)
    assert len(document) == 1
    assert document.examples[0].data == {
        "messages": [
            {"role": "user", "content": "Where do crabs live?"},
            {"role": "assistant", "content": "Crabs live in tide pools."},
        ]
    }
    assert document.undo_stack.undoText() == "Add example from Compare"
    document.undo_stack.undo()
    assert len(document) == 0
    document.undo_stack.redo()
    assert len(document) == 1


def test_follow_up_turn_sends_each_column_its_own_history(qtbot: QtBot, pane: ChatComparePane) -> None:
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "First question")
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "Second question")
    msgs = pane.conv.messages_for(1)
    assert [m["role"] for m in msgs] == ["user", "assistant", "user"]
    assert MODEL_B in msgs[1]["content"]
    assert "Second question" in pane.columns[1].reply_text()
    shown = pane.columns[1].transcript.toPlainText()
    assert shown.index("First question") < shown.index(msgs[1]["content"]) < shown.index("Second question")


def test_blind_mode_hides_names_until_the_vote_and_the_tally_counts_it(
    qtbot: QtBot, pane: ChatComparePane
) -> None:
    pane.blind_check.setChecked(True)
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "Which is better?")
    shown = [pane.columns[i].title_text for i in range(2)]
    assert shown == ["Model A", "Model B"]
    assert not pane.columns[0].picker.isVisible()
    for col in pane.columns:
        # the reply itself names the sandbox model; everything else keeps it hidden
        assert MODEL_A not in col.title_text
        assert MODEL_B not in col.title_text
    assert pane.vote_a.isEnabled()
    left = pane.conv.columns[0].model
    with qtbot.waitSignal(pane.vote_recorded) as blocker:
        qtbot.mouseClick(pane.vote_a, LEFT)
    assert pane.columns[0].title_text == f"Model A: {left}"
    pair = blocker.args[0]
    winner_wins = pair.first_wins if pair.first == left else pair.second_wins
    assert winner_wins == 1
    assert pair.votes == 1
    assert not pane.vote_b.isEnabled()
    assert Tally().pair(MODEL_A, MODEL_B).votes == 1  # saved: a new session sees it
    assert f"{left} won 1" in pane.tally_label.text()


def test_conversation_reopens_after_a_restart(
    qtbot: QtBot, pane: ChatComparePane, context: AppContext, directory: ModelDirectory
) -> None:
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "Remember me")
    qtbot.waitUntil(lambda: bool(ConversationStore().list()), timeout=5000)
    again = ChatComparePane(context, directory, None)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.conversation_opened, timeout=5000):
        again.show()
    assert again.conv.turns[0].user == "Remember me"
    assert again.columns[1].picker.model() == MODEL_B
    assert MODEL_B in again.columns[1].reply_text()


def test_in_the_window_ctrl_enter_sends_and_open_with_model_fills_the_first_column(
    qtbot: QtBot, context: AppContext
) -> None:
    from finetune_desktop.gui.compare.page import ComparePage
    from finetune_desktop.gui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("compare")
    page = window.page("compare")
    assert isinstance(page, ComparePage)
    page.open_with_model("ft:gpt-4o-mini-2024-07-18:org:mine:abc123")
    assert page.chat.columns[0].picker.model() == "ft:gpt-4o-mini-2024-07-18:org:mine:abc123"
    page.chat.set_model(0, MODEL_A)
    page.chat.set_model(1, MODEL_B)
    page.chat.input_edit.setPlainText("Sent with the keyboard")
    page.chat.input_edit.setFocus()
    before = len(window.document)
    with qtbot.waitSignal(page.chat.replies_finished, timeout=15000):
        qtbot.keyClick(page.chat.input_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.chat.conv.turns[0].user == "Sent with the keyboard"
    assert len(window.document) == before
    window.document.undo_stack.setClean()


def test_an_unknown_model_gets_a_clear_message_in_its_column(qtbot: QtBot, pane: ChatComparePane) -> None:
    pane.set_model(1, "no-such-model")
    with qtbot.waitSignal(pane.replies_finished, timeout=15000):
        _send(pane, "Hello?")
    assert "does not know this model" in pane.columns[1].stats.text()
    reply = pane.conv.reply(0, 1)
    assert reply is not None
    assert reply.error
    assert MODEL_A in pane.columns[0].reply_text()  # the other column answered as usual


def test_a_column_may_ask_another_connection(
    qtbot: QtBot, pane: ChatComparePane, context: AppContext
) -> None:
    from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
    from finetune_desktop.sandbox import SandboxServer

    with SandboxServer() as other:  # a second server: a "compatible" connection beside the sandbox
        profile = context.store.add(
            Profile(id="", name="Other server", kind=ProfileKind.COMPATIBLE, base_url=other.base_url)
        )
        context.notify_profiles_changed()
        pane.set_model(1, MODEL_B, profile.id)
        assert pane.columns[1].picker.profile_id() == profile.id
        with qtbot.waitSignal(pane.replies_finished, timeout=15000):
            _send(pane, "Which server are you?")
        assert pane.conv.columns[1].profile_id == profile.id
        assert other.context is not None
        asked = [r for r in other.context.requests if r["path"] == "/v1/chat/completions"]
        assert len(asked) == 1, "column B asked the other server, once"
        assert MODEL_B in pane.columns[1].reply_text()
        assert MODEL_A in pane.columns[0].reply_text()
        assert pane.context.runner.wait(10000)
