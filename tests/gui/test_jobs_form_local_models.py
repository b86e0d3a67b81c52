"""The new-job form marks each local base model with whether training it fits this computer."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from finetune_desktop.core.local_models.memory import Machine
from finetune_desktop.gui.dataset.document import DatasetDocument
from finetune_desktop.gui.jobs import model_fit
from tests.gui.jobs_helpers import JobsEnv, chat_rows, env, jobs_server, noting_thread, write_jsonl
from tests.gui.test_jobs_form import _open, _page, document

__all__ = ["document", "env", "jobs_server"]

GB = 1 << 30


def test_local_models_read_fits_tight_or_too_big_with_the_memory_they_need(
    env: JobsEnv, qtbot: QtBot, document: DatasetDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[bool] = []
    machine = noting_thread(lambda: Machine("cpu", 16 * GB, 12 * GB, "RAM"), threads)
    monkeypatch.setattr(model_fit, "machine_memory", machine)
    _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", chat_rows(12)))
    env.context.sandbox_trains_locally = lambda: True  # the built-in server runs its local engine
    page = _page(env, qtbot, document)
    form = page.open_new_job_form()
    assert form is not None
    box = form.model_box
    qtbot.waitUntil(lambda: bool(form.fit_marks.fits), timeout=10_000)
    assert threads == [False]  # read on a worker thread, once

    def text(model_id: str) -> str:
        return box.itemText(box.findData(model_id))

    assert text("smollm2-135m-instruct") == "smollm2-135m-instruct  (fits, ~2.6 GB)"
    assert text("qwen2.5-3b-instruct") == "qwen2.5-3b-instruct  (too big, ~17.5 GB)"
    assert "(tight" in text("qwen2.5-1.5b-instruct")  # 11.0 GB: more than 80% of 12 GB free
    assert text("gpt-4o-mini-2024-07-18") == "gpt-4o-mini-2024-07-18"  # not a local model: no mark

    box.setCurrentIndex(box.findData("qwen2.5-3b-instruct"))
    assert "needs about 17.5 GB" in form.model_note.text()
    assert "12.0 GB free of 16.0 GB: too big. Choose a smaller model." in form.model_note.text()
    assert form.request_fields()["model"] == "qwen2.5-3b-instruct"  # the mark is not part of the id
    assert form.price.text().startswith("Free: trained on this computer (")  # no price, no price date

    form.batch.auto.setChecked(False)
    form.batch.spin.setValue(4)  # a bigger batch needs more
    assert "(too big" in text("qwen2.5-1.5b-instruct")


def test_a_server_that_does_not_train_here_offers_no_local_models(
    env: JobsEnv, qtbot: QtBot, document: DatasetDocument
) -> None:
    _open(qtbot, document, write_jsonl(env.tmp / "crabs.jsonl", chat_rows(12)))
    form = _page(env, qtbot, document).open_new_job_form()  # the sandbox simulates: nothing trains here
    assert form is not None
    ids = [form.model_box.itemData(i) for i in range(form.model_box.count())]
    assert "gpt-4o-mini-2024-07-18" in ids
    assert not [i for i in ids if form.catalog.get(i) is not None and form.catalog.get(i).local]
    assert "smollm2-135m-instruct" not in ids
