"""Mending an unreadable line: the corrected text is read by the same rules as a file's lines."""

from __future__ import annotations

import pytest

from finetune_desktop.core.dataset.mend import mend_line


def test_a_corrected_line_is_an_example() -> None:
    data, problem = mend_line('{"messages": [{"role": "user", "content": "Hi"}]}', 4)
    assert problem is None
    assert data == {"messages": [{"role": "user", "content": "Hi"}]}


@pytest.mark.parametrize(
    ("text", "code", "variant", "column"),
    [
        ('{"messages": [{"role": "user"} {"role": "assistant"}]}', "invalid_json", "syntax", 32),
        ("[1, 2]", "not_an_object", "", 1),
        ('{"a": NaN}', "invalid_json", "constant", None),
        ("   ", "blank_line", "", None),
    ],
)
def test_a_line_still_broken_says_why(text: str, code: str, variant: str, column: int | None) -> None:
    data, problem = mend_line(text, 7)
    assert data is None
    assert problem is not None
    assert (problem.code, problem.variant, problem.column, problem.line) == (code, variant, column, 7)
