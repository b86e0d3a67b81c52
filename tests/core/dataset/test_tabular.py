"""CSV / TSV / XLSX import: reading, column guessing and turning rows into chat examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from finetune_desktop.core.dataset.tabular import (
    ColumnMapping,
    TableReadError,
    column_letter,
    guess_mapping,
    read_table,
    table_to_examples,
)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def msgs(data: object) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in data["messages"]]  # type: ignore[index]


def test_csv_with_bom_crlf_and_multiline_quoted_cells(tmp_path: Path) -> None:
    p = write(
        tmp_path / "d.csv",
        b'\xef\xbb\xbfprompt,completion\r\n"Hello, world","Line one\r\nline two"\r\nQ2,"He said ""hi"""\r\n',
    )
    t = read_table(p)
    assert t.headers == ["prompt", "completion"]
    assert t.rows == [["Hello, world", "Line one\nline two"], ["Q2", 'He said "hi"']]
    assert t.row_numbers == [2, 3]
    assert t.delimiter == ","
    assert t.encoding == "utf-8"
    assert t.issues == []


@pytest.mark.parametrize(("name", "sep"), [("d.tsv", "\t"), ("d.csv", ";"), ("d.txt", "\t"), ("d.csv", "|")])
def test_delimiter_is_sniffed(tmp_path: Path, name: str, sep: str) -> None:
    p = write(tmp_path / name, f"question{sep}answer\nwhat, really?{sep}yes, really\n")
    t = read_table(p)
    assert t.delimiter == sep
    assert t.rows == [["what, really?", "yes, really"]]


def test_explicit_delimiter_wins(tmp_path: Path) -> None:
    p = write(tmp_path / "d.csv", "a;b,c\n1;2,3\n")
    assert read_table(p, delimiter=",").headers == ["a;b", "c"]


def test_bad_rows_are_reported_with_row_numbers_and_nothing_dropped(tmp_path: Path) -> None:
    p = write(tmp_path / "d.csv", "user,assistant\nhi,hello\nx,y,surplus\n\nshort\n")
    t = read_table(p)
    assert t.headers == ["user", "assistant", "Column C"]
    assert t.rows == [["hi", "hello", ""], ["x", "y", "surplus"], ["short", "", ""]]
    assert t.row_numbers == [2, 3, 5]
    assert [(i.code, i.line) for i in t.issues] == [("bad_row", 3)]
    assert "Row 3" in t.issues[0].message


def test_broken_quoting_is_reported(tmp_path: Path) -> None:
    p = write(tmp_path / "d.csv", 'user,assistant\nhi,"unterminated\nmore\n')
    t = read_table(p)
    assert t.rows == [["hi", "unterminated\nmore\n"]]
    assert [i.code for i in t.issues] == ["bad_row"]
    assert "quot" in t.issues[0].message


def test_duplicate_and_blank_headers_become_unique(tmp_path: Path) -> None:
    t = read_table(write(tmp_path / "d.csv", "a,,a\n1,2,3\n"))
    assert t.headers == ["a", "Column B", "a (2)"]


def test_non_utf8_csv_falls_back_with_an_issue(tmp_path: Path) -> None:
    p = write(tmp_path / "d.csv", "问题,回答\n你好,您好\n".encode("gb18030"))
    t = read_table(p)
    assert t.headers == ["问题", "回答"]
    assert t.rows == [["你好", "您好"]]
    assert t.encoding == "gb18030"
    assert [i.code for i in t.issues] == ["encoding"]
    assert "CSV UTF-8" in t.issues[0].fix


def test_utf16_tab_text_from_excel(tmp_path: Path) -> None:
    p = write(tmp_path / "d.txt", "user\tassistant\r\nhi\thello\r\n".encode("utf-16"))
    t = read_table(p)
    assert t.rows == [["hi", "hello"]]


def test_unreadable_tables_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(TableReadError, match="Cannot read"):
        read_table(tmp_path / "missing.csv")
    with pytest.raises(TableReadError, match="empty"):
        read_table(write(tmp_path / "e.csv", "\n\n"))
    with pytest.raises(TableReadError, match=r"\.xls"):
        read_table(write(tmp_path / "old.xls", b"\xd0\xcf\x11\xe0"))
    with pytest.raises(TableReadError, match="not a readable"):
        read_table(write(tmp_path / "bad.xlsx", b"not a zip"))


def make_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Notes"
    ws.append(["ignore me"])
    data = wb.create_sheet("Data")
    data.append([None])  # an empty first row: the header is the first non-empty row
    data.append(["System", "User 1", "Assistant 1", "User 2", "Assistant 2"])
    data.append(["Be brief.", "2+2?", 4, "And 2.5*2?", 5.0])
    data.append([None, "When?", dt.date(2024, 5, 1), None, None])
    data.append([None, "中文问题", "中文回答\n第二行", True, None])
    data.append([None, None, None, None, None])
    data.append([None, "no reply", None, None, None])
    wb.active = 1
    wb.save(path)
    return path


def test_xlsx_reads_active_sheet_with_real_row_numbers(tmp_path: Path) -> None:
    t = read_table(make_xlsx(tmp_path / "d.xlsx"))
    assert t.sheet == "Data"
    assert t.sheets == ["Notes", "Data"]
    assert t.headers == ["System", "User 1", "Assistant 1", "User 2", "Assistant 2"]
    assert t.row_numbers == [3, 4, 5, 7]
    assert t.rows[0] == ["Be brief.", "2+2?", "4", "And 2.5*2?", "5"]
    assert t.rows[1][2] == "2024-05-01"
    assert t.rows[2][2:4] == ["中文回答\n第二行", "TRUE"]


def test_xlsx_sheet_by_name_and_unknown_sheet(tmp_path: Path) -> None:
    p = make_xlsx(tmp_path / "d.xlsx")
    assert read_table(p, sheet="Notes").headers == ["ignore me"]
    with pytest.raises(TableReadError, match="Notes, Data"):
        read_table(p, sheet="Missing")


def test_xlsx_to_multi_turn_examples(tmp_path: Path) -> None:
    t = read_table(make_xlsx(tmp_path / "d.xlsx"))
    mapping = guess_mapping(t.headers)
    assert mapping.system == "System"
    assert mapping.turns == [("User 1", "Assistant 1"), ("User 2", "Assistant 2")]
    examples, issues = table_to_examples(t, mapping)
    assert [e.line for e in examples] == [3, 4, 5]
    assert msgs(examples[0].data) == [
        ("system", "Be brief."),
        ("user", "2+2?"),
        ("assistant", "4"),
        ("user", "And 2.5*2?"),
        ("assistant", "5"),
    ]
    assert msgs(examples[1].data) == [("user", "When?"), ("assistant", "2024-05-01")]  # empty turn 2 skipped
    assert [(i.code, i.line, i.fatal) for i in issues] == [
        ("missing_reply", 5, False),
        ("no_assistant", 7, True),
    ]
    assert "Row 7" in issues[1].message


def test_csv_import_with_fixed_system_text_and_kept_rows(tmp_path: Path) -> None:
    t = read_table(write(tmp_path / "d.csv", "question,answer\nQ1,A1\nQ2,\n,A3\n,\n"))
    mapping = ColumnMapping(
        turns=[("question", "answer")], system_text="You are kind.", keep_rows_without_reply=True
    )
    examples, issues = table_to_examples(t, mapping)
    assert [msgs(e.data) for e in examples] == [
        [("system", "You are kind."), ("user", "Q1"), ("assistant", "A1")],
        [("system", "You are kind."), ("user", "Q2")],
        [("system", "You are kind."), ("assistant", "A3")],
    ]
    assert [(i.code, i.line, i.fatal) for i in issues] == [
        ("no_assistant", 3, False),
        ("missing_user", 4, False),
    ]


def test_gap_turn_reported(tmp_path: Path) -> None:
    t = read_table(
        write(tmp_path / "d.csv", "user_1,assistant_1,user_2,assistant_2,user_3,assistant_3\na,b,,,c,d\n")
    )
    examples, issues = table_to_examples(t, guess_mapping(t.headers))
    assert msgs(examples[0].data) == [("user", "a"), ("assistant", "b"), ("user", "c"), ("assistant", "d")]
    assert [i.code for i in issues] == ["empty_turn"]


def test_bad_mapping_is_rejected_in_plain_words() -> None:
    assert ColumnMapping().problems(["a"]) == ["Choose at least one user column and one assistant column."]
    assert ColumnMapping(turns=[("a", "zz")]).problems(["a"]) == ["There is no column named 'zz'."]


@pytest.mark.parametrize(
    ("headers", "system", "turns"),
    [
        (["prompt", "completion"], None, [("prompt", "completion")]),
        (["Instruction", "Input", "Output"], None, [("Instruction", "Output")]),
        (["System Prompt", "Question", "Answer"], "System Prompt", [("Question", "Answer")]),
        (["id", "user", "assistant"], None, [("user", "assistant")]),
        (["input", "response"], None, [("input", "response")]),
        (["系统", "问题", "回答"], "系统", [("问题", "回答")]),
        (
            ["user1", "assistant1", "user2", "assistant2"],
            None,
            [("user1", "assistant1"), ("user2", "assistant2")],
        ),
        (
            ["Question-2", "Answer-2", "Question-1", "Answer-1"],
            None,
            [("Question-1", "Answer-1"), ("Question-2", "Answer-2")],
        ),
        (["foo", "bar"], None, []),
    ],
)
def test_guess_mapping(headers: list[str], system: str | None, turns: list[tuple[str, str]]) -> None:
    m = guess_mapping(headers)
    assert m.system == system
    assert m.turns == turns


def test_column_letter() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_xlsx_with_a_wrong_used_range_is_read_fully(tmp_path: Path) -> None:
    import re
    import zipfile

    good = make_xlsx(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data)
            dst.writestr(item, data)
    assert read_table(bad).rows == read_table(good).rows
