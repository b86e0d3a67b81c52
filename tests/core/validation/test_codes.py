"""Every finding code: a fixture file that triggers it, at the right line, example and JSON path."""

from __future__ import annotations

import re
from typing import Any

import pytest

from finetune_desktop.core.dataset.examples import Dataset, Example
from finetune_desktop.core.validation import content as content_module
from finetune_desktop.core.validation import example as example_module
from finetune_desktop.core.validation import incremental as incremental_module
from finetune_desktop.core.validation.codes import FINDING_CODES, FIXES
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.core.validation.incremental import validate_dataset
from tests.core.validation.support import FIXTURES, load_fixture

# code -> (line, example index, JSON path); the fixture file is <code>.jsonl
CASES: dict[str, tuple[int | None, int | None, str | None]] = {
    "data_type": (2, 1, None),
    "missing_messages_list": (2, 1, "messages"),
    "message_missing_key": (2, 1, "messages[1].content"),
    "message_unrecognized_key": (2, 1, "messages[1].lang"),
    "unrecognized_role": (2, 1, "messages[2].role"),
    "missing_content": (2, 1, "messages[1].content"),
    "example_missing_assistant_message": (2, 1, "messages"),
    "message_not_object": (2, 1, "messages[1]"),
    "invalid_name": (2, 1, "messages[1].name"),
    "invalid_weight": (2, 1, "messages[2].weight"),
    "weight_not_on_assistant": (2, 1, "messages[1].weight"),
    "no_trainable_assistant_message": (2, 1, "messages"),
    "empty_assistant_message": (2, 1, "messages[2].content"),
    "empty_message": (2, 1, "messages[0].content"),
    "invalid_tool_call": (2, 1, "messages[2].tool_calls[0].type"),
    "tool_call_arguments_not_string": (2, 1, "messages[2].tool_calls[0].function.arguments"),
    "tool_call_arguments_invalid_json": (2, 1, "messages[2].tool_calls[0].function.arguments"),
    "unmatched_tool_message": (2, 1, "messages[3].tool_call_id"),
    "duplicate_tool_call_id": (2, 1, "messages[2].tool_calls[1].id"),
    "invalid_function_call": (2, 1, "messages[2].function_call"),
    "invalid_tools": (2, 1, "tools[0].function.name"),
    "invalid_functions": (2, 1, "functions[0].name"),
    "invalid_parallel_tool_calls": (2, 1, "parallel_tool_calls"),
    "parallel_tool_calls_conflict": (2, 1, "parallel_tool_calls"),
    "undefined_tool": (2, 1, "messages[2].tool_calls[0].function.name"),
    "unknown_top_level_key": (2, 1, "metadata"),
    "invalid_content_part": (2, 1, "messages[1].content[0].type"),
    "invalid_image_url": (2, 1, "messages[1].content[1].image_url.url"),
    "image_not_in_user_message": (2, 1, "messages[2].content[0]"),
    "too_many_images": (2, 1, "messages"),
    "image_too_large": (2, 1, "messages[1].content[0].image_url.url"),
    "invalid_preference_output": (2, 1, "preferred_output"),
    "identical_preference_outputs": (2, 1, "non_preferred_output[0].content"),
    "too_few_examples": (None, None, None),
    "few_examples": (None, None, None),
    "too_many_image_examples": (None, None, None),
    "mixed_formats": (4, 3, None),
    "example_too_long": (2, 1, None),
    "missing_system_message": (2, 1, "messages"),
    "missing_user_message": (2, 1, "messages"),
    "duplicate_example": (3, 2, None),
    "conflicting_answers": (3, 2, None),
    "train_validation_overlap": (2, 1, None),
    "validator_error": (2, 1, None),
}


def _run(code: str, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    """Validate the code's fixture, with the few knobs some codes need (limits, tokens, a crash)."""
    dataset = load_fixture(code)
    kwargs: dict[str, Any] = {}
    if code == "image_too_large":
        monkeypatch.setattr(content_module, "MAX_IMAGE_BYTES", 100)
    elif code == "too_many_image_examples":
        monkeypatch.setattr(incremental_module, "MAX_IMAGE_EXAMPLES", 2)
    elif code == "example_too_long":
        kwargs = {"training_context": 1000, "token_totals": {dataset.examples[1].uid: 1500}}
    elif code == "train_validation_overlap":
        kwargs = {"validation": load_fixture("train_validation_overlap.validation")}
    elif code == "validator_error":
        target = dataset.examples[1].data
        real_check = example_module._check

        def crashing_check(data: object, *args: Any) -> Any:
            if data is target:
                raise KeyError("simulated bug")
            return real_check(data, *args)

        # the crash happens inside the guarded function, as a real bug would
        monkeypatch.setattr(example_module, "_check", crashing_check)
    return validate_dataset(dataset, **kwargs)


def test_every_code_has_a_case_and_a_fixture() -> None:
    assert set(CASES) == set(FINDING_CODES)
    assert set(FIXES) == set(FINDING_CODES)
    for code in FINDING_CODES:
        assert (FIXTURES / f"{code}.jsonl").is_file(), code
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code)


@pytest.mark.parametrize("code", sorted(CASES))
def test_fixture_triggers_code_at_place(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    findings = _run(code, monkeypatch)
    line, example, path = CASES[code]
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code} not reported; got {[f.code for f in findings]}"
    assert (line, example, path) in [(f.line, f.example, f.path) for f in hits]
    for f in hits:
        assert f.severity is FINDING_CODES[code][0]
        assert f.message
        assert f.fix
        assert "Traceback" not in f.message
    # the code fires only where the fixture plants it (line 1 is always a valid example)
    assert all(f.line != 1 for f in hits if f.code not in {"conflicting_answers", "mixed_formats"})
    assert "validator_error" not in [f.code for f in findings] or code == "validator_error"


def test_findings_serialise_for_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    finding = next(f for f in _run("invalid_weight", monkeypatch) if f.code == "invalid_weight")
    assert finding.to_json() == {
        "code": "invalid_weight",
        "severity": "error",
        "message": "messages[2].weight is 0.5; it must be 0 or 1.",
        "fix": FIXES["invalid_weight"],
        "line": 2,
        "example": 1,
        "path": "messages[2].weight",
        "file": None,
    }


def test_duplicate_names_the_first_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    hits = [f for f in _run("duplicate_example", monkeypatch) if f.code == "duplicate_example"]
    assert [(f.line, f.example) for f in hits] == [(3, 2)]
    assert "line 1" in hits[0].message


def test_conflict_names_the_other_example(monkeypatch: pytest.MonkeyPatch) -> None:
    hits = [f for f in _run("conflicting_answers", monkeypatch) if f.code == "conflicting_answers"]
    assert [(f.line, f.example) for f in hits] == [(2, 1), (3, 2)]
    assert "Line 3" in hits[0].message
    assert "Line 2" in hits[1].message


def test_overlap_names_the_validation_line(monkeypatch: pytest.MonkeyPatch) -> None:
    hits = [f for f in _run("train_validation_overlap", monkeypatch) if f.code == "train_validation_overlap"]
    assert [(f.line, f.example) for f in hits] == [(2, 1)]
    assert "line 2" in hits[0].message


def test_counts_thresholds() -> None:
    def codes(n: int) -> set[str]:
        ds = load_fixture("few_examples")
        ds.examples = [Example(data=ex.data, line=k + 1) for k, ex in enumerate((ds.examples * 10)[:n])]
        return {f.code for f in validate_dataset(ds) if f.line is None}

    assert codes(9) == {"too_few_examples"}
    assert codes(10) == {"few_examples"}
    assert codes(49) == {"few_examples"}
    assert "few_examples" not in codes(50)
    ds = load_fixture("too_few_examples")
    assert "too_few_examples" not in {f.code for f in validate_dataset(ds, check_counts=False)}


def test_severities_match_the_brief() -> None:
    errors = {c for c, (s, _) in FINDING_CODES.items() if s is Severity.ERROR}
    warnings = set(FINDING_CODES) - errors
    assert {
        "too_few_examples",
        "train_validation_overlap",
        "mixed_formats",
        "no_trainable_assistant_message",
    } <= errors
    assert {
        "few_examples",
        "example_too_long",
        "missing_system_message",
        "missing_user_message",
        "duplicate_example",
        "conflicting_answers",
        "empty_assistant_message",
        "unknown_top_level_key",
        "identical_preference_outputs",
    } <= warnings


def test_dataset_findings_come_first_then_file_order(monkeypatch: pytest.MonkeyPatch) -> None:
    findings = _run("mixed_formats", monkeypatch)
    assert findings[0].code == "too_few_examples"
    examples = [f.example for f in findings if f.example is not None]
    assert examples == sorted(examples)


def test_empty_dataset() -> None:
    assert [f.code for f in validate_dataset(Dataset())] == ["too_few_examples"]


def test_readme_documents_every_code() -> None:
    readme = (FIXTURES.parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Finding codes", 1)[1]
    for code, (severity, _) in FINDING_CODES.items():
        assert f"| `{code}` | {severity.value} |" in section, code
