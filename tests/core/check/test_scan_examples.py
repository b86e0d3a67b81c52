"""scan_examples (check's engine for the editor): every finding kept, seed-free digests equal to the
validator's, the same columns with worker processes as in-process, and workers at lower priority."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

import finetune_desktop.core.check.run as check_mod
from finetune_desktop.core.catalog.models import load_catalog
from finetune_desktop.core.check.pipeline import KEEP_PER_CODE, NO_KEY, digest, lower_priority
from finetune_desktop.core.check.run import scan_examples
from finetune_desktop.core.validation.example import example_keys

MODEL = load_catalog().default_model


def chat(i: int, answer: str | None = "") -> dict[str, Any]:
    """A clean chat example (check's fast path), or with ``answer=None`` one without an answer."""
    user = {"role": "user", "content": f"Question {i}?"}
    if answer is None:
        return {"messages": [user]}
    return {"messages": [user, {"role": "assistant", "content": answer or f"Answer {i}."}]}


def rows(n_unanswered: int) -> list[Any]:
    out: list[Any] = [chat(i) for i in range(40)]
    out[5] = out[2]  # duplicate
    out[9] = chat(3, "another answer")  # conflicting answers
    out[12] = {"input": {"messages": [{"role": "user", "content": "hi"}]}, "preferred_output": []}
    out += [chat(1000 + i, None) for i in range(n_unanswered)]
    return out


def write(path: Path, data: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")
    return path


def test_every_finding_is_kept_and_digests_are_seed_free(tmp_path: Path) -> None:
    data = rows(KEEP_PER_CODE + 20)
    res = scan_examples(write(tmp_path / "t.jsonl", data), model=MODEL, workers=1).result
    missing = [f for f in res.findings if f.code == "example_missing_assistant_message"]
    assert len(missing) == KEEP_PER_CODE + 20  # run_check keeps only KEEP_PER_CODE of them
    assert list(res.lines) == list(range(1, len(data) + 1))
    for i, row in enumerate(data):
        keys = example_keys(row)
        assert keys is not None
        # what the editor's validator makes for the same example with digest(key, False)
        assert res.full_keys[i] == digest(keys.full, False)
        if keys.answer is None:
            assert res.answer_keys[i] == NO_KEY
        else:
            assert (res.prompt_keys[i], res.answer_keys[i]) == (
                digest(keys.prompt, False),
                digest(keys.answer, False),
            )


def _columns(res: Any) -> dict[str, Any]:
    cols = ("lines", "totals", "billed", "formats", "images", "full_keys", "prompt_keys", "answer_keys")
    out = {c: list(getattr(res, c)) for c in cols}
    out["findings"] = [(f.code, f.line, f.example) for f in res.findings]
    return out


def test_workers_give_the_in_process_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "t.jsonl", rows(KEEP_PER_CODE + 20) + rows(30))
    serial = scan_examples(path, model=MODEL, workers=1)
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_BYTES", 0)
    progress: list[int] = []
    parallel = scan_examples(path, model=MODEL, workers=2, nice=1, progress=lambda d, t: progress.append(d))
    assert len(progress) > 3  # (several ranges, so finding indexes were shifted by the ranges before)
    assert _columns(parallel.result) == _columns(serial.result)
    assert parallel.format == serial.format
    assert len({f.code for f in serial.result.findings}) > 1


def _niceness_after(nice: int) -> int:
    before = os.nice(0)
    lower_priority(nice)
    return os.nice(0) - before


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priority here")
def test_lower_priority_lowers_a_worker_and_0_leaves_it() -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # (never lower this test's own process)
        assert pool.apply(_niceness_after, (3,)) == 3
        assert pool.apply(_niceness_after, (0,)) == 0


def test_a_seed_free_digest_is_the_digest_of_the_flattened_key() -> None:
    """A key's text, spelled out (texts as they are, a nested tuple between 0x1d marks, anything else as
    0x1c and its repr, all joined by 0x1f), is what the seed-free digest hashes: keys of texts take a
    faster way to the same bytes than others."""
    import hashlib

    from finetune_desktop.core.validation.keys import COMPLEX

    def hashed(text: bytes) -> int:
        raw = hashlib.blake2b(text, digest_size=8).digest()
        return int.from_bytes(raw, "little", signed=True) or 1

    texts = ("chat", "user", "ΣΟΦΟΣ\x00 中文 \ud800", "assistant", "")
    mixed = ("chat", COMPLEX, '{"role": "user"}', ("tools", 3), None)
    spelled = "chat\x1fuser\x1fΣΟΦΟΣ\x00 中文 \ud800\x1fassistant\x1f".encode("utf-8", "surrogatepass")
    assert digest(texts, False) == hashed(spelled)
    mixed_spelled = 'chat\x1f\x1c<complex>\x1f{"role": "user"}\x1f\x1dtools\x1f\x1c3\x1d\x1f\x1cNone'
    assert digest(mixed, False) == hashed(mixed_spelled.encode())
    assert digest(texts, False) != digest(texts[:-1], False)


def test_the_common_examples_digests_are_the_validators(tmp_path: Path) -> None:
    """check's common-example path (system, user, assistant) digests its keys in one pass: the same
    digests the editor's validator makes of each key alone."""
    system = {"role": "system", "content": "Be brief. " * 20}
    data = [
        {
            "messages": [
                system,
                {"role": "user", "content": f"Q{i} ΣΟΦΟΣ 中文"},
                {"role": "assistant", "content": f"A{i % 3}"},
                *([{"role": "user", "content": "More?"}, {"role": "assistant", "content": "No."}] * (i % 2)),
            ]
        }
        for i in range(20)
    ]
    data[7]["messages"][1]["name"] = "Ann"  # (a COMPLEX part in the key)
    res = scan_examples(write(tmp_path / "t.jsonl", data), model=MODEL, workers=1).result
    for i, row in enumerate(data):
        keys = example_keys(row)
        assert keys is not None
        assert keys.answer is not None
        expected = (digest(keys.full, False), digest(keys.prompt, False), digest(keys.answer, False))
        assert (res.full_keys[i], res.prompt_keys[i], res.answer_keys[i]) == expected
