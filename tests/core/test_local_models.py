"""The local base-model catalog and the memory-fit estimate (core, no torch)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.local_models import memory
from finetune_desktop.core.local_models.catalog import HUB_MODELS, hub_model
from finetune_desktop.core.local_models.memory import Machine, estimate, fit, machine_memory

GB = 1 << 30


def test_the_catalog_holds_the_three_families_with_their_hub_ids() -> None:
    ids = {m.id: m.repo for m in HUB_MODELS}
    assert ids["qwen2.5-0.5b-instruct"] == "Qwen/Qwen2.5-0.5B-Instruct"
    assert ids["llama-3.2-3b-instruct"] == "meta-llama/Llama-3.2-3B-Instruct"
    assert ids["smollm2-1.7b-instruct"] == "HuggingFaceTB/SmolLM2-1.7B-Instruct"
    assert len(ids) == 8


def test_every_hub_model_is_a_local_model_of_the_price_catalog() -> None:
    catalog = load_catalog()
    for m in HUB_MODELS:
        info = catalog.get(m.id)
        assert info is not None, m.id
        assert info.local
        assert info.training_price_per_1m == 0


def test_the_estimate_adds_up_weights_lora_activations_logits_and_the_runtime() -> None:
    qwen = hub_model("qwen2.5-0.5b-instruct")
    assert qwen is not None
    est = estimate(qwen, device="cpu", seq_len=2048, batch_size=1)
    assert est.weights == qwen.params * 4
    # r=16 on 7 projections of the top 8 layers, 16 bytes each (weight, gradient, 2 Adam moments)
    per_layer = 16 * (2 * 896 + 2 * (896 + 128) + 2 * 896 + 2 * (896 + 4864) + (4864 + 896))
    assert est.lora == per_layer * 8 * 16
    assert est.activations == 2048 * 8 * (8 * 896 + 2 * 128 + 4 * 4864) * 4
    assert est.logits == 1024 * 151_936 * 8
    assert est.total == est.weights + est.lora + est.activations + est.logits + est.runtime
    on_gpu = estimate(qwen, device="cuda", seq_len=2048, batch_size=1)
    assert on_gpu.activations == 2048 * 24 * (8 * 896 + 2 * 128 + 4 * 4864) * 2  # every layer, bf16


def test_longer_sequences_bigger_batches_and_bigger_models_need_more() -> None:
    small, big = hub_model("smollm2-135m-instruct"), hub_model("qwen2.5-3b-instruct")
    assert small is not None
    assert big is not None
    assert estimate(small, device="cpu", seq_len=4096).total > estimate(small, device="cpu").total
    assert estimate(small, device="cpu", batch_size=4).total > estimate(small, device="cpu").total
    assert estimate(big, device="cpu").total > 3 * estimate(small, device="cpu").total


@pytest.mark.parametrize(
    ("total", "available", "verdict"),
    [(64 * GB, 60 * GB, "fits"), (24 * GB, 12 * GB, "tight"), (8 * GB, 6 * GB, "too_big")],
)
def test_the_verdict_compares_the_estimate_with_free_and_total_memory(
    total: int, available: int, verdict: str
) -> None:
    model = hub_model("qwen2.5-3b-instruct")
    assert model is not None
    result = fit(model, Machine("cpu", total, available))
    assert 14 * GB < result.need < 20 * GB
    assert result.verdict == verdict


def test_machine_memory_reads_the_gpu_when_nvidia_smi_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    class Done:
        stdout = "NVIDIA H200, 143771, 140000\n"

    monkeypatch.setattr(memory.shutil, "which", lambda _name: "/usr/bin/nvidia-smi")
    monkeypatch.setattr(memory.subprocess, "run", lambda *a, **k: Done())
    assert machine_memory() == Machine("cuda", 143771 << 20, 140000 << 20, "NVIDIA H200")
    monkeypatch.setattr(memory.shutil, "which", lambda _name: None)
    ram = machine_memory()
    assert ram.device == "cpu"
    assert 0 < ram.available <= ram.total


def test_cli_lists_each_model_with_its_verdict() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "finetune_desktop", "local-models", "--json", "--seq-len", "1024"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    assert data["seq_len"] == 1024
    assert [m["id"] for m in data["models"]] == [m.id for m in HUB_MODELS]
    for m in data["models"]:
        assert m["verdict"] in ("fits", "tight", "too_big")
        assert m["need_bytes"] > m["parameters"] * 4
    text = subprocess.run(
        [sys.executable, "-m", "finetune_desktop", "local-models"], capture_output=True, text=True, check=True
    ).stdout
    assert "qwen2.5-0.5b-instruct" in text
    assert "Qwen/Qwen2.5-0.5B-Instruct" in text
