"""CSV / TSV / XLSX import: read a table, map its columns to chat roles, turn rows into examples.

People keep training data in spreadsheets. ``read_table`` gives headers and text cells (every bad row
reported by its row number, header = row 1, as a spreadsheet shows it); ``guess_mapping`` preselects
columns from common header names; ``table_to_examples`` builds chat examples and reports every row it
could not fully use instead of dropping it silently.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finetune_desktop.core.dataset.examples import Example, LoadIssue

__all__ = [
    "ColumnMapping",
    "Table",
    "TableReadError",
    "column_letter",
    "guess_mapping",
    "read_table",
    "table_to_examples",
]

_DELIMITERS = ",\t;|"
_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar"}


class TableReadError(ValueError):
    """The table cannot be read at all; the message names the file and what to do."""


@dataclass
class Table:
    """Text cells under unique headers; ``row_numbers[i]`` is the spreadsheet row of ``rows[i]``."""

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    path: Path | None = None
    delimiter: str | None = None  # CSV/TSV only
    encoding: str | None = None  # CSV/TSV only
    sheet: str | None = None  # XLSX only
    sheets: list[str] = field(default_factory=list)  # XLSX: every sheet, for a sheet chooser

    def column(self, name: str) -> int:
        return self.headers.index(name)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (how spreadsheets name columns)."""
    s = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        s = chr(65 + rem) + s
    return s


def _unique_headers(cells: list[str], width: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i in range(width):
        name = cells[i].strip() if i < len(cells) else ""
        name = name or f"Column {column_letter(i)}"
        base, n = name, 2
        while name in seen:
            name = f"{base} ({n})"
            n += 1
        seen.add(name)
        out.append(name)
    return out


def _build(records: Iterable[tuple[int, list[str]]], table: Table, what: str) -> Table:
    """Header = first non-empty record; pad rows; report rows wider or narrower than the header."""
    header: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue  # fully empty rows carry nothing (spreadsheets are full of them)
        if header is None:
            header = cells
            continue
        body.append((number, cells))
    if header is None:
        raise TableReadError(f"{table.path}: the {what} is empty. Choose a file with a header row and data.")
    while header and not header[-1].strip():
        header.pop()
    width = max([len(header)] + [len(c) for _, c in body])
    for number, cells in body:
        n = len(cells)
        while n > len(header) and not cells[n - 1].strip():
            n -= 1
        if n > len(header):
            table.issues.append(
                LoadIssue(
                    "bad_row",
                    number,
                    f"Row {number} has {n} cells but the header has {len(header)}.",
                    "Usually a delimiter inside unquoted text: put such text in double quotes. The extra "
                    f"cells are kept as column(s) {column_letter(len(header))}+.",
                    variant="cells",
                    params={"cells": n, "header": len(header), "extra_column": column_letter(len(header))},
                )
            )
        table.rows.append(cells + [""] * (width - len(cells)) if len(cells) < width else cells[:width])
        table.row_numbers.append(number)
    table.headers = _unique_headers(header, width)
    return table


# ------------------------------------------------------------------ CSV / TSV


def _decode(data: bytes, encoding: str | None, path: Path) -> tuple[str, str, list[LoadIssue]]:
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except (UnicodeDecodeError, LookupError) as e:
            raise TableReadError(f"{path} cannot be read as {encoding}: {e}.") from e
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        return data.decode("utf-16"), "utf-16", []
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as e:
        bad = e.start
    for enc in ("gb18030", "cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        line = data.count(b"\n", 0, bad) + 1
        issue = LoadIssue(
            "encoding",
            line,
            f"The file is not UTF-8 (first non-UTF-8 byte at offset {bad}, line {line}); it was read as "
            f"{enc.upper()}.",
            "Check the preview. If the text looks wrong, save the file as 'CSV UTF-8' and import it again.",
            byte_offset=bad,
            params={"encoding": enc.upper()},
        )
        return text, enc, [issue]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _count_outside_quotes(line: str, ch: str) -> int:
    n, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            n += 1
    return n


def sniff_delimiter(text: str) -> str:
    """The delimiter the header line uses most (outside quotes); a comma when there is no sign of any."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: _count_outside_quotes(first, d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0:
        return best
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _csv_records(text: str, delimiter: str, table: Table) -> list[tuple[int, list[str]]]:
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, row in enumerate(reader, start=1):
        records.append((number, [c.replace("\r\n", "\n") for c in row]))
    # A lenient pass loses nothing; a strict pass finds broken quoting to report.
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for _ in strict:
            number += 1
    except csv.Error as e:
        table.issues.append(
            LoadIssue(
                "bad_row",
                number + 1,
                f"Row {number + 1} (line {strict.line_num} of the file) has broken quoting: {e}.",
                "Check the double quotes in this row: a quoted cell must end with a quote, and a quote "
                'inside a quoted cell is written twice (""). The row was read as well as possible.',
                variant="quoting",
                params={"file_line": strict.line_num},
            )
        )
    return records


def _read_csv(path: Path, delimiter: str | None, encoding: str | None) -> Table:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TableReadError(f"Cannot read {path}: {e.strerror or e}.") from e
    text, enc, issues = _decode(data, encoding, path)
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else sniff_delimiter(text)
    table = Table([], [], path=path, delimiter=delimiter, encoding=enc, issues=issues)
    return _build(_csv_records(text, delimiter, table), table, "file")


# ------------------------------------------------------------------ XLSX


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v.replace("\r\n", "\n")
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):  # Excel stores dates as datetimes at midnight
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl  # imported here: it is slow to import and only needed for spreadsheets

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as e:
        raise TableReadError(f"Cannot read {path}: it does not exist.") from e
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise TableReadError(
            f"{path} is not a readable .xlsx workbook ({e}). Open it in Excel or LibreOffice and save it "
            "as .xlsx (or CSV UTF-8) again."
        ) from e
    try:
        names = list(wb.sheetnames)
        if sheet is None:
            ws = wb.active if wb.active is not None else wb[names[0]]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise TableReadError(f"{path} has no sheet named {sheet!r}; its sheets are: {', '.join(names)}.")
        if hasattr(ws, "reset_dimensions"):  # some exporters write a wrong used range; read every cell
            ws.reset_dimensions()
        table = Table([], [], path=path, sheet=ws.title, sheets=names)
        records = (
            (number, [_cell_text(v) for v in row])
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1)
        )
        return _build(records, table, f"sheet {ws.title!r}")
    finally:
        wb.close()


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> Table:
    """Read a .csv/.tsv/.txt or .xlsx/.xlsm file; raises ``TableReadError`` only when nothing is readable.

    CSV: the delimiter is sniffed unless given (tab for .tsv), a BOM is dropped, non-UTF-8 files fall
    back to GB18030 / CP1252 with an ``encoding`` issue. XLSX: ``sheet`` defaults to the active sheet.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p, sheet)
    if suffix == ".xls":
        raise TableReadError(
            f"{p} is an old Excel 97-2003 workbook (.xls). Open it in Excel or LibreOffice and save it as "
            ".xlsx or CSV UTF-8, then import that file."
        )
    return _read_csv(p, delimiter, encoding)


# ------------------------------------------------------------------ mapping


@dataclass
class ColumnMapping:
    """Which columns hold which message. ``turns``: (user column, assistant column), one per turn.

    The system message comes from ``system`` (a column) or, when that is unset or the cell is empty,
    from the fixed ``system_text``. Rows without any assistant text are skipped and reported, unless
    ``keep_rows_without_reply`` (then they are imported so the reply can be written in the editor).
    """

    turns: list[tuple[str, str]] = field(default_factory=list)
    system: str | None = None
    system_text: str = ""
    keep_rows_without_reply: bool = False

    def problems(self, headers: list[str]) -> list[str]:
        """Plain-language reasons this mapping cannot be applied to ``headers`` (empty when fine)."""
        out: list[str] = []
        if not self.turns:
            out.append("Choose at least one user column and one assistant column.")
        known = set(headers)
        cols = [self.system] if self.system else []
        for u, a in self.turns:
            cols += [u, a]
        out += [f"There is no column named {c!r}." for c in cols if c not in known]
        return out


_SYSTEM_NAMES = (
    "system",
    "system_prompt",
    "system_message",
    "systemprompt",
    "系统",
    "系统提示",
    "系统提示词",
)
_USER_NAMES = (
    "user", "prompt", "instruction", "question", "input", "query", "human", "user_message", "request",
    "用户", "问题", "提问", "输入", "指令",
)  # fmt: skip
_ASSISTANT_NAMES = (
    "assistant", "response", "output", "answer", "completion", "reply", "gpt", "bot", "assistant_message",
    "助手", "回答", "答案", "回复", "输出",
)  # fmt: skip
_NUMBERED = re.compile(r"^(?P<base>.+?)[ _\-]?(?P<n>\d+)$")


def _norm(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def guess_mapping(headers: list[str]) -> ColumnMapping:
    """Preselect columns from common names: system/prompt/instruction/input/question/user,
    response/output/answer/completion/assistant (also Chinese), and numbered turns like user_1/assistant_1.
    """
    normed = [(_norm(h), h) for h in headers]
    system = next((h for n, h in normed if n in _SYSTEM_NAMES), None)
    users: dict[int, str] = {}
    assistants: dict[int, str] = {}
    for n, h in normed:
        m = _NUMBERED.match(n)
        if not m:
            continue
        base, k = m.group("base").rstrip("_"), int(m.group("n"))
        if base in _USER_NAMES:
            users.setdefault(k, h)
        elif base in _ASSISTANT_NAMES:
            assistants.setdefault(k, h)
    turns = [(users[k], assistants[k]) for k in sorted(users) if k in assistants]
    if not turns:
        user = next((h for name in _USER_NAMES for n, h in normed if n == name), None)
        assistant = next((h for name in _ASSISTANT_NAMES for n, h in normed if n == name), None)
        if user and assistant:
            turns = [(user, assistant)]
    return ColumnMapping(turns=turns, system=system)


def _issue(
    code: str, row: int, message: str, fix: str, *, fatal: bool = False, variant: str = "", **params: object
) -> LoadIssue:
    return LoadIssue(code, row, message, fix, fatal=fatal, variant=variant, params=params)


def table_to_examples(table: Table, mapping: ColumnMapping) -> tuple[list[Example], list[LoadIssue]]:
    """Chat examples, one per row (``Example.line`` = the row number), plus every problem per row.

    Cells are stripped of surrounding whitespace; turns empty on both sides after the last used turn are
    skipped silently (rows differ in length); an empty turn before it, a user text without a reply or
    a reply without a user text are reported and kept as far as they go.
    """
    problems = mapping.problems(table.headers)
    if problems:
        raise ValueError(" ".join(problems))
    sys_col = table.column(mapping.system) if mapping.system else None
    turn_cols = [(table.column(u), table.column(a)) for u, a in mapping.turns]
    examples: list[Example] = []
    issues: list[LoadIssue] = []
    for cells, row in zip(table.rows, table.row_numbers, strict=True):
        system = cells[sys_col].strip() if sys_col is not None else ""
        system = system or mapping.system_text.strip()
        turns = [(cells[u].strip(), cells[a].strip()) for u, a in turn_cols]
        used = [i for i, (u, a) in enumerate(turns) if u or a]
        if not used:
            issues.append(
                _issue(
                    "empty_row",
                    row,
                    f"Row {row} has no text in the user or assistant columns; it was skipped.",
                    "Fill in the row, or check that the right columns are mapped.",
                )
            )
            continue
        if not any(a for _, a in turns):
            keep = mapping.keep_rows_without_reply
            issues.append(
                _issue(
                    "no_assistant",
                    row,
                    f"Row {row} has no assistant reply"
                    + (
                        " (imported without one)." if mapping.keep_rows_without_reply else "; it was skipped."
                    ),
                    "Write the reply the model should give in the assistant column"
                    + (" or in the editor." if keep else ", then import again."),
                    fatal=not keep,
                    variant="kept" if keep else "skipped",
                )
            )
            if not mapping.keep_rows_without_reply:
                continue
        messages: list[dict[str, Any]] = []
        if system:
            messages.append({"role": "system", "content": system})
        for i in range(used[-1] + 1):
            u, a = turns[i]
            turn = f"turn {i + 1} ({mapping.turns[i][0]} / {mapping.turns[i][1]})"
            if not u and not a:
                issues.append(
                    _issue(
                        "empty_turn",
                        row,
                        f"Row {row}: {turn} is empty but later turns are not; it was skipped.",
                        "Move the later turns up, or fill in this one.",
                        turn=i + 1,
                    )
                )
                continue
            if u:
                messages.append({"role": "user", "content": u})
            else:
                issues.append(
                    _issue(
                        "missing_user",
                        row,
                        f"Row {row}: {turn} has a reply but no user message.",
                        "Write the user message this reply answers (in the table or the editor).",
                        turn=i + 1,
                    )
                )
            if a:
                messages.append({"role": "assistant", "content": a})
            elif not (mapping.keep_rows_without_reply and not any(x for _, x in turns)):
                issues.append(
                    _issue(
                        "missing_reply",
                        row,
                        f"Row {row}: {turn} has a user message but no reply.",
                        "Write the assistant reply (in the table or the editor); an example should end "
                        "with the answer the model is to learn.",
                        turn=i + 1,
                    )
                )
        examples.append(Example({"messages": messages}, line=row))
    return examples, issues
