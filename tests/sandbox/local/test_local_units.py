"""The local engine's pieces without a server: assistant-only labels and packing without leaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sandbox.local.conftest import need_local_packages, sample_rows

need_local_packages()

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from finetune_desktop.sandbox.engines.local.data import IGNORE, encode_row  # noqa: E402
from finetune_desktop.sandbox.engines.local.trainer import PackedLoRA, batch_indices, load_model  # noqa: E402


def test_labels_cover_assistant_turns_with_weight_1_only(tiny_model: Path) -> None:
    tok, _ = load_model(tiny_model, None, torch.device("cpu"))
    row = {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "One?"},
            {"role": "assistant", "content": "First reply.", "weight": 0},
            {"role": "user", "content": "Two?"},
            {"role": "assistant", "content": "Second reply."},
        ]
    }
    ex = encode_row(tok, row, 512)
    assert ex is not None
    learned = tok.decode([t for t, lab in zip(ex.ids, ex.labels, strict=True) if lab != IGNORE])
    assert learned == "Second reply.<|im_end|>"
    assert len(ex.ids) == len(tok(tok.apply_chat_template(row["messages"], tokenize=False))["input_ids"])
    nothing = {
        "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y", "weight": 0}]
    }
    assert encode_row(tok, nothing, 512) is None


@pytest.mark.parametrize("lora_layers", [1, 8])
def test_packed_loss_equals_each_example_alone_and_the_plain_model(
    tiny_model: Path, lora_layers: int
) -> None:
    tok, model = load_model(tiny_model, None, torch.device("cpu"))
    examples = [ex for row in sample_rows()[:3] if (ex := encode_row(tok, row, 512)) is not None]
    trainer = PackedLoRA(
        model,
        lora_layers=lora_layers,
        rank=4,
        lr=1e-3,
        device=torch.device("cpu"),
        autocast=None,
        max_row=4096,
    )
    keys = [("t", i) for i in range(len(examples))]
    packed = trainer.evaluate(keys, examples)  # all three in one row
    alone = [trainer.evaluate([k], [ex]) for k, ex in zip(keys, examples, strict=True)]
    weighted = sum(a.loss * a.labels for a in alone) / sum(a.labels for a in alone)
    assert packed.labels == sum(a.labels for a in alone)
    assert packed.loss == pytest.approx(weighted, rel=1e-5)
    # ... and the same as the unmodified model's own forward pass with its own loss
    with torch.no_grad():
        ref = []
        for ex in examples:
            logits = trainer.peft(input_ids=torch.tensor([ex.ids])).logits[0, :-1]
            ref.append(
                F.cross_entropy(logits, torch.tensor(ex.labels[1:]), ignore_index=IGNORE, reduction="sum")
            )
    assert packed.loss == pytest.approx(float(sum(ref)) / packed.labels, rel=1e-5)


def test_a_resumed_run_sees_the_same_batches() -> None:
    first = [batch_indices(10, 4, 7, s) for s in range(1, 10)]
    assert [b[0] for b in first] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert [b[2] for b in first] == [False, False, True] * 3
    assert sorted(i for b in first[:3] for i in b[1]) == list(range(10))
    assert batch_indices(10, 4, 7, 5) == first[4]
