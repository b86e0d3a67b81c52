"""DatasetValidator: per-edit updates touch one example; dataset rules stay current."""

from __future__ import annotations

from typing import Any

import pytest

from finetune_desktop.core.dataset.examples import Dataset, DatasetFormat, Example
from finetune_desktop.core.validation import incremental as incremental_module
from finetune_desktop.core.validation.incremental import Checked, DatasetValidator


def chat(question: str, answer: str) -> dict[str, Any]:
    return {
        "messages": [
            {"role": "system", "content": "S"},
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer},
        ]
    }


def make(n: int) -> Dataset:
    return Dataset(examples=[Example(data=chat(f"Q{i}", f"A{i}"), line=i + 1) for i in range(n)])


def codes(validator: DatasetValidator) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in validator.findings()]


def count_validations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The data of every example validated from now on (``check_example`` calls), in order."""
    calls: list[object] = []
    real = incremental_module.check_example

    def counting(data: object, **kw: Any) -> Any:
        calls.append(data)
        return real(data, **kw)

    monkeypatch.setattr(incremental_module, "check_example", counting)
    return calls


def test_update_revalidates_only_the_edited_example(monkeypatch: pytest.MonkeyPatch) -> None:
    ds = make(60)
    validator = DatasetValidator()
    assert validator.full(ds) == []
    calls = count_validations(monkeypatch)
    ex = ds.examples[30]
    ex.data["messages"][2]["content"] = "  "
    ex.touch()
    validator.update(ex)
    assert calls == [ex.data]
    own = validator.findings_for(ex.uid)
    assert [(f.code, f.line, f.example, f.path) for f in own] == [
        ("empty_assistant_message", 31, 30, "messages[2].content")
    ]
    assert codes(validator) == [("empty_assistant_message", 31)]
    assert len(calls) == 1  # findings() reuses the cache


def test_duplicates_and_conflicts_follow_edits() -> None:
    ds = make(60)
    validator = DatasetValidator()
    validator.full(ds)
    a, b, c = ds.examples[3], ds.examples[10], ds.examples[20]
    b.data = chat("Q3", "A3")
    validator.update(b)
    assert codes(validator) == [("duplicate_example", 11)]
    c.data = chat("Q3", "something else")
    validator.update(c)
    assert codes(validator) == [
        ("conflicting_answers", 4),
        ("duplicate_example", 11),
        ("conflicting_answers", 11),
        ("conflicting_answers", 21),
    ]
    # the first copy disappears: the second one is now the original, no duplicate left
    ds.examples.remove(a)
    validator.remove(a.uid)
    assert codes(validator) == [("conflicting_answers", 11), ("conflicting_answers", 21)]
    c.data = chat("Q20", "A20")
    validator.update(c)
    assert codes(validator) == []


def test_insert_renumbers_examples() -> None:
    ds = make(60)
    validator = DatasetValidator()
    validator.full(ds)
    bad = ds.examples[5]
    bad.data = {"messages": []}
    validator.update(bad)
    assert [(f.example, f.line) for f in validator.findings()] == [(5, 6)]
    new = Example(data=chat("new", "answer"))
    ds.examples.insert(0, new)
    validator.add(new, 0)
    assert [(f.code, f.example, f.line) for f in validator.findings()] == [("missing_messages_list", 6, 6)]


def test_counts_follow_adds_and_removes() -> None:
    ds = make(10)
    validator = DatasetValidator()
    assert [f.code for f in validator.full(ds)] == ["few_examples"]
    gone = ds.examples.pop()
    validator.remove(gone.uid)
    assert [f.code for f in validator.findings()] == ["too_few_examples"]
    ds.examples.append(gone)
    validator.add(gone)
    assert [f.code for f in validator.findings()] == ["few_examples"]


def test_mixed_formats_follow_the_majority() -> None:
    ds = make(50)
    validator = DatasetValidator()
    validator.full(ds)
    pref = Example(
        data={
            "input": {"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}]},
            "preferred_output": [{"role": "assistant", "content": "a"}],
            "non_preferred_output": [{"role": "assistant", "content": "b"}],
        },
        line=51,
    )
    ds.examples.append(pref)
    validator.add(pref)
    found = validator.findings()
    assert [(f.code, f.line) for f in found] == [("mixed_formats", 51)]
    assert "50 of the file's 51" in found[0].message


def test_token_totals_are_read_live() -> None:
    ds = make(50)
    totals: dict[int, int] = {}
    validator = DatasetValidator(training_context=100, token_totals=totals)
    assert validator.full(ds) == []
    totals[ds.examples[7].uid] = 150  # the token counter finished later
    found = validator.findings()
    assert [(f.code, f.line, f.example) for f in found] == [("example_too_long", 8, 7)]
    assert "150" in found[0].message
    assert [f.code for f in validator.findings_for(ds.examples[7].uid)] == ["example_too_long"]


def test_validation_overlap_and_findings_for() -> None:
    ds = make(50)
    val = Dataset(examples=[Example(data=chat("Q9", "A9"), line=4)])
    validator = DatasetValidator(validation=val)
    found = validator.full(ds)
    assert [(f.code, f.line) for f in found] == [("train_validation_overlap", 10)]
    assert "line 4" in found[0].message
    assert [f.code for f in validator.findings_for(ds.examples[9].uid)] == ["train_validation_overlap"]
    assert validator.findings_for(ds.examples[8].uid) == []
    validator.set_validation(None)
    assert validator.findings() == []


def test_unannounced_changes_are_repaired() -> None:
    ds = make(50)
    validator = DatasetValidator()
    validator.full(ds)
    ds.examples.append(Example(data=chat("Q1", "A1"), line=51))  # nobody called add()
    del ds.examples[0]  # nobody called remove()
    assert [(f.code, f.line) for f in validator.findings()] == [("duplicate_example", 51)]


def test_removing_unknown_uid_is_harmless() -> None:
    validator = DatasetValidator()
    validator.remove(12345)
    assert validator.findings_for(12345) == []


@pytest.mark.parametrize("bulk", [False, True], ids=["add_checked", "add_checked_rows"])
def test_entries_from_checks_workers_equal_its_own_and_meet_later_edits(tmp_path: Any, bulk: bool) -> None:
    """``add_checked`` (one by one, or ``add_checked_rows`` at once) with what ``scan_examples`` (check's
    engine) found gives the same findings as validating here, and its seed-free digests meet the ones of
    an edit made afterwards."""
    import json

    from finetune_desktop.core.catalog.models import load_catalog
    from finetune_desktop.core.check.pipeline import FORMAT_CODES, NO_KEY, digest
    from finetune_desktop.core.check.run import scan_examples

    rows: list[Any] = [chat(f"Q{i}", f"A{i}") for i in range(20)]
    rows[4] = rows[1]  # duplicate
    rows[7] = chat("Q2", "another answer")  # conflict with row 3
    rows[9] = {"messages": [{"role": "user", "content": "no answer"}]}
    rows[11] = {"input": {"messages": [{"role": "user", "content": "hi"}]}, "preferred_output": []}
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    examples = [Example(data=r, line=i + 1) for i, r in enumerate(rows)]

    def seed_free(key: Any) -> int:
        return digest(key, False)

    here = DatasetValidator(digest=seed_free)
    expected = here.full(Dataset(examples=examples))
    cols = scan_examples(path, model=load_catalog().default_model).result
    formats = {ord(c): f for f, c in FORMAT_CODES.items()}
    merged = DatasetValidator(digest=seed_free)
    merged.set_examples(examples)
    flat: list[Any] = []
    for i, ex in enumerate(examples):
        assert cols.lines[i] == ex.line
        answer = cols.answer_keys[i]
        keys = (cols.full_keys[i], cols.prompt_keys[i], None if answer == NO_KEY else answer)
        own = [f for f in cols.findings if f.example == i]
        if bulk:
            flat.append((ex, i, own, formats[cols.formats[i]], bool(cols.images[i]), *keys))
        else:
            merged.add_checked(ex, i, Checked(own, formats[cols.formats[i]], bool(cols.images[i]), keys))
    merged.add_checked_rows(flat)
    assert merged.findings() == expected
    assert ("duplicate_example", 5) in codes(merged)
    # an edit validated here: row 1 becomes a copy of row 6, a duplicate the merged entries must see
    edited = Example(data=rows[5], line=1, uid=examples[0].uid)
    merged.update(edited)
    here.update(edited)
    examples[0] = edited
    merged.set_examples(examples)
    here.set_examples(examples)
    assert ("duplicate_example", 6) in codes(merged)
    assert merged.findings() == here.findings()


def test_add_checked_replaces_the_entry_and_is_not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_validations(monkeypatch)
    a, b = (Example(data=chat("Q", "A"), line=n) for n in (1, 2))
    validator = DatasetValidator(check_counts=False)
    validator.set_examples([a, b])
    same = (11, 12, 13)
    validator.add_checked(a, 0, Checked((), DatasetFormat.CHAT, False, same))
    validator.add_checked(b, 1, Checked((), DatasetFormat.CHAT, False, same))
    assert codes(validator) == [("duplicate_example", 2)]
    # b checked again (after an edit): its old digests leave the buckets
    validator.add_checked(b, 1, Checked((), DatasetFormat.CHAT, False, (21, 22, 23)))
    assert codes(validator) == []
    # and in bulk: b is a duplicate again, then a third example shares its prompt with another answer
    c = Example(data=chat("Q", "B"), line=3)
    validator.set_examples([a, b, c])
    validator.add_checked_rows(
        [(b, 1, (), DatasetFormat.CHAT, False, *same), (c, 2, (), DatasetFormat.CHAT, False, 31, 12, 33)]
    )
    conflicts = [("conflicting_answers", line) for line in (1, 2, 3)]
    assert sorted(codes(validator)) == [*conflicts, ("duplicate_example", 2)]
    assert calls == []  # findings() validates none of the entries made elsewhere
