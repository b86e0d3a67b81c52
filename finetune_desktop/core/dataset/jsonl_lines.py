"""One line of a JSONL file: everything that can be wrong with it, and where its results go.

``prepare_line`` handles what comes before the JSON (CRLF, BOM, blank lines, bad UTF-8); ``load_line``
parses one line alone and explains a JSON error with its column and a fix. Both report into a
``ParsedChunk``; a line that cannot become an example is kept there with its raw bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from finetune_desktop.core.dataset.examples import Example, LoadIssue, RejectedLine
from finetune_desktop.core.dataset.examples import kind_of as json_kind_of

BOM = b"\xef\xbb\xbf"
_BLANK = " \t\r\n\x0b\x0c"  # what bytes.isspace() calls blank
_BLANK_B = _BLANK.encode()
#: A ``\\uD800``-``\\uDFFF`` escape: the only way a lone surrogate gets into decoded JSON text (UTF-8
#: cannot encode one), so lines without it need no walk.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
#: A high+low pair (a character such as an emoji) or, failing that, one surrogate escape alone.
_PAIR_OR_LONE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class ParsedChunk:
    """What one stretch of lines parsed into; ``crlf_lines`` counts CRLF lines (reported once per chunk)."""

    examples: list[Example] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    crlf_lines: int = 0
    first_crlf_line: int | None = None
    lines: int = 0


def reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


#: One decoder for every line: ``json.loads(..., parse_constant=...)`` would build a new one per call.
JSON_DECODER = json.JSONDecoder(parse_constant=reject_constant)


def loads_json(text: str) -> Any:
    """``json.loads(text)`` that rejects NaN and Infinity, without building a decoder per call."""
    if text.startswith("\ufeff"):  # what json.loads says about a (second) byte order mark
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return JSON_DECODER.decode(text)


def json_fix_kind(text: str, msg: str) -> str:
    """Which kind of JSON mistake a line holds (a ``LoadIssue.variant``): it chooses the fix."""
    stripped = text.strip()
    if stripped in ("{", "[", "}", "]", "},", "],") or stripped.endswith(("{", "[", ",")):
        return "multiline"
    if msg.startswith("Extra data"):
        return "extra_data"
    if "double quotes" in msg:
        return "quotes"
    if msg.startswith("Invalid control character"):
        return "control_character"
    if "is not valid JSON" in msg:
        return "constant"
    return "syntax"


_JSON_FIXES = {
    "multiline": "This looks like JSON spread over several lines (or a JSON array). JSONL needs exactly one "
    "complete example object per line: re-export it as JSON Lines.",
    "extra_data": "Put exactly one JSON object on this line; remove what follows the closing brace.",
    "quotes": "Use double quotes around keys and strings, and remove any trailing comma.",
    "control_character": "Write line breaks and tabs inside strings as \\n and \\t.",
    "constant": "Replace NaN / Infinity with a number or null.",
    "syntax": "Fix the JSON syntax at the column shown (a JSON validator shows the exact spot).",
}


def json_fix(text: str, msg: str) -> str:
    return _JSON_FIXES[json_fix_kind(text, msg)]


def reject(out: ParsedChunk, line_no: int, raw: bytes, issue: LoadIssue) -> None:
    out.issues.append(issue)
    out.rejected.append(RejectedLine(line_no, raw, issue))


def prepare_line(
    buf: bytes, start: int, end: int, text: str | None, line_no: int, base: int, out: ParsedChunk
) -> tuple[str, int, int] | None:
    """Check the line ``buf[start:end]`` (no newline) up to its JSON; ``text`` is it decoded, if known.

    Handles CR, BOM, blank lines and UTF-8 (issues and rejected lines go to ``out``). Returns
    ``(text, raw_start, raw_end)`` for a line to parse (the span without BOM and CR), else None.
    ``base`` is the file offset of ``buf``.
    """
    if end > start and buf[end - 1] == 13:  # CR of a CRLF line end
        end -= 1
        if text is not None:
            text = text[:-1]
        out.crlf_lines += 1
        if out.first_crlf_line is None:
            out.first_crlf_line = line_no
    if buf.startswith(BOM, start, end):
        out.issues.append(
            LoadIssue(
                "bom",
                line_no,
                f"Line {line_no} starts with a UTF-8 byte order mark (BOM).",
                "Nothing to do: the line was loaded and saving removes the mark. "
                "Other tools may reject it: save as 'UTF-8' rather than 'UTF-8 with BOM'.",
                byte_offset=base + start,
            )
        )
        start += 3
        if text is not None:
            text = text[1:]
    offset = base + start
    if text is None:
        raw = buf[start:end]
        if not raw.strip(_BLANK_B):
            text = ""
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                col = len(raw[: e.start].decode("utf-8", "replace")) + 1
                issue = LoadIssue(
                    "invalid_utf8",
                    line_no,
                    f"Line {line_no} is not valid UTF-8: byte {e.start + 1} of the line "
                    f"(byte {offset + e.start} of the file) is 0x{raw[e.start]:02x}.",
                    "Save the file as UTF-8 (in Excel or Notepad: 'Save as' > encoding 'UTF-8'), or fix "
                    "the text at that spot; the line was not loaded.",
                    column=col,
                    byte_offset=offset + e.start,
                    fatal=True,
                    params={"byte": f"0x{raw[e.start]:02x}", "line_byte": e.start + 1, "column": col},
                )
                reject(out, line_no, raw, issue)
                return None
    if not text.strip(_BLANK):
        out.issues.append(
            LoadIssue(
                "blank_line",
                line_no,
                f"Line {line_no} is empty.",
                "Nothing to do: blank lines hold no example and saving drops them.",
            )
        )
        return None
    return text, start, end


def surrogate_path(value: Any) -> str | None:
    """The JSON path of the first key or string in ``value`` holding a lone surrogate, else None.

    Such text cannot be written as UTF-8 (OpenAI rejects it, printing it fails), so the line is refused.
    """
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        v, path = stack.pop()
        if type(v) is str:
            if _SURROGATE.search(v):
                return path or "(value)"
        elif type(v) is dict:
            for k, item in reversed(v.items()):
                where = f"{path}.{k}" if path else str(k)
                if _SURROGATE.search(k):
                    return f"{path or '(object)'} key"
                stack.append((item, where))
        elif type(v) is list:
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(v))))
    return None


def _lone_escape_column(text: str) -> int | None:
    for m in _PAIR_OR_LONE.finditer(text):
        if m.end() - m.start() == 6:
            return m.start() + 1
    return None


def load_line(
    text: str, buf: bytes, start: int, end: int, line_no: int, base: int, out: ParsedChunk
) -> dict[str, Any] | None:
    """Parse one prepared line; report and reject it when it is not a JSON object."""
    offset = base + start
    try:
        data = loads_json(text)
    except json.JSONDecodeError as e:
        issue = LoadIssue(
            "invalid_json",
            line_no,
            f"Line {line_no}, column {e.colno}: invalid JSON ({e.msg}).",
            json_fix(text, e.msg),
            column=e.colno,
            byte_offset=offset + len(text[: e.pos].encode("utf-8", "surrogatepass")),
            fatal=True,
            variant=json_fix_kind(text, e.msg),
            params={"column": e.colno},
        )
        reject(out, line_no, buf[start:end], issue)
        return None
    except (ValueError, RecursionError) as e:  # NaN/Infinity, or nested too deeply for Python
        msg = str(e) if isinstance(e, ValueError) else "nested too deeply"
        issue = LoadIssue(
            "invalid_json",
            line_no,
            f"Line {line_no}: invalid JSON ({msg}).",
            json_fix(text, msg),
            fatal=True,
            byte_offset=offset,
            variant="deep" if isinstance(e, RecursionError) else json_fix_kind(text, msg),
        )
        reject(out, line_no, buf[start:end], issue)
        return None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(
            type(data), "a number"
        )
        issue = LoadIssue(
            "not_an_object",
            line_no,
            f"Line {line_no} is {kind}, not an example object {{...}}.",
            'Each line must be one object such as {"messages": [...]}; the line was not loaded.',
            column=1,
            byte_offset=offset,
            fatal=True,
            params={"found": json_kind_of(data)},
        )
        reject(out, line_no, buf[start:end], issue)
        return None
    if SURROGATE_ESCAPE.search(text) is not None:
        where = surrogate_path(data)
        if where is not None:
            col = _lone_escape_column(text)
            issue = LoadIssue(
                "invalid_json",
                line_no,
                f"Line {line_no}"
                + (f", column {col}" if col else "")
                + f": {where} holds a lone surrogate escape (such as \\ud800), which is not a character.",
                "Remove the escape or complete the pair (an emoji is written as two escapes, "
                "\\ud83d\\ude00); OpenAI rejects text that is not valid Unicode. The line was not loaded.",
                column=col,
                byte_offset=offset + (len(text[: col - 1].encode("utf-8", "surrogatepass")) if col else 0),
                fatal=True,
                variant="lone_surrogate",
                params={"where": where},
            )
            reject(out, line_no, buf[start:end], issue)
            return None
    return data


def finish_crlf(chunk: ParsedChunk) -> None:
    """Report CRLF once (it is a property of the whole file), in line order with the other issues."""
    if chunk.first_crlf_line is not None:
        chunk.issues.append(crlf_issue(chunk.first_crlf_line, chunk.crlf_lines))
        chunk.issues.sort(key=lambda i: i.line)


def crlf_issue(first: int, count: int) -> LoadIssue:
    more = f" and {count - 1} more line{'s' if count > 2 else ''}" if count > 1 else ""
    return LoadIssue(
        "crlf",
        first,
        f"Line {first}{more} end with a Windows line ending (CRLF)."
        if count > 1
        else f"Line {first} ends with a Windows line ending (CRLF).",
        "Nothing to do: the lines were loaded and saving writes plain line ends (LF).",
        params={"count": count},
    )
