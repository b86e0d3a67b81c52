"""A finding in the GUI's language: plain words first, the technical location second.

Core's ``Finding.message`` and ``fix`` are English for the CLI and logs; here the same finding is worded
from its code, ``variant`` and ``params`` through Qt's translator (``finding_details`` and
``finding_fixes`` hold the sentences). The JSON path, line and column go into ``where``, shown smaller
below the words. A finding this module cannot word (a code added to core without words here) falls back
to core's English, which a test prevents for every known code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from finetune_desktop.core.validation.findings import Finding
from finetune_desktop.gui.finding_details import detail_templates
from finetune_desktop.gui.finding_fixes import fix_templates
from finetune_desktop.gui.finding_titles import finding_title
from finetune_desktop.gui.i18n import current_language

translate = QCoreApplication.translate

# problems of a CSV/Excel import: their "line" is the table's row
_TABLE_CODES = frozenset(
    {"bad_row", "encoding", "no_assistant", "missing_user", "missing_reply", "empty_row", "empty_turn"}
)
_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


@dataclass(frozen=True, slots=True)
class FindingText:
    title: str  # what kind of problem (the group's title)
    detail: str  # what is wrong here, in plain words
    fix: str  # what to do
    where: str  # technical location: line, column, JSON path (shown smaller)


def render_finding(f: Finding) -> FindingText:
    """Title, detail, fix and location of one finding in the GUI's language."""
    lang = current_language()
    variant = f.variant
    details, fixes = _details(lang), _fixes(lang)
    values = _values(f.params, f.path)
    detail_t = details.get((f.code, variant)) or details.get((f.code, ""))
    fix_t = fixes.get((f.code, variant)) or fixes.get((f.code, ""))
    detail = _fill(detail_t, values) if detail_t is not None else None
    fix = _fill(fix_t, values) if fix_t is not None else None
    title = finding_title(f.code) or f.code
    if detail is None:  # a variant this module does not word: core's English only where that is the language
        detail = f.message if lang == "en" else title
    return FindingText(
        title=title,
        detail=detail,
        fix=f.fix if fix is None else fix,
        where=location(f),
    )


def finding_sentence(f: Finding) -> str:
    """Detail and fix on one line, for a tooltip or a label under a message card."""
    text = render_finding(f)
    gap = "" if text.detail.endswith(("。", "！", "？", "）")) else " "  # no space after a full-width stop
    return f"{text.detail}{gap}{text.fix}".strip()


def has_words(code: str, variant: str) -> bool:
    """True when this module words ``code``/``variant`` itself (tests check every code has it)."""
    lang = current_language()
    has_detail = (code, variant) in _details(lang) or (code, "") in _details(lang)
    has_fix = (code, variant) in _fixes(lang) or (code, "") in _fixes(lang)
    return has_detail and has_fix


def location(f: Finding) -> str:
    """ "line 3, column 51 · messages[1].content" (translated words, technical path as it is)."""
    parts = []
    column = f.params.get("column")
    if f.line is not None and isinstance(column, int):
        parts.append(
            translate("FindingText", "line {line}, column {column}").format(
                line=_number(f.line), column=_number(column)
            )
        )
    elif f.line is not None and f.code in _TABLE_CODES:
        parts.append(translate("FindingText", "row {line}").format(line=_number(f.line)))
    elif f.line is not None:
        parts.append(translate("FindingText", "line {line}").format(line=_number(f.line)))
    if f.example is not None:
        parts.append(translate("FindingText", "example {number}").format(number=_number(f.example + 1)))
    if f.path:
        parts.append(f.path)
    return " · ".join(parts)


def place(path: str | None) -> str:
    """The part of an example a JSON path points at, in words: "the 2nd message", "part 1 of ..."."""
    steps = [
        (m.group(1), None if m.group(2) is None else int(m.group(2))) for m in _STEP.finditer(path or "")
    ]
    if steps and steps[0][0] == "input":
        steps = steps[1:]
        prompt = True
    else:
        prompt = False
    if not steps:
        return translate("FindingText", "the example")
    head, index = steps[0]
    rest = steps[1:]
    if head == "messages" and index is not None:
        nth = ordinal(index + 1)
        if prompt:
            base = translate("FindingText", "the {nth} message of the prompt").format(nth=nth)
        else:
            base = translate("FindingText", "the {nth} message").format(nth=nth)
    elif head == "messages":
        return translate("FindingText", "the prompt") if prompt else translate("FindingText", "the example")
    elif head == "preferred_output":
        base = translate("FindingText", "the preferred reply")
    elif head == "non_preferred_output":
        base = translate("FindingText", "the rejected reply")
    elif head == "tools" and index is not None:
        return translate("FindingText", "tool {number}").format(number=index + 1)
    elif head == "functions" and index is not None:
        return translate("FindingText", "function {number}").format(number=index + 1)
    else:
        return translate("FindingText", "the example")
    for name, sub in rest:
        if name == "content" and sub is not None:
            return translate("FindingText", "part {number} of {where}").format(number=sub + 1, where=base)
        if name == "tool_calls" and sub is not None:
            return translate("FindingText", "tool call {number} of {where}").format(
                number=sub + 1, where=base
            )
    return base


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... in English; the bare number where the language puts the ordinal around it."""
    if n % 100 in (11, 12, 13) or n % 10 not in (1, 2, 3):
        template = translate("FindingText", "{n}th")
    elif n % 10 == 1:
        template = translate("FindingText", "{n}st")
    elif n % 10 == 2:
        template = translate("FindingText", "{n}nd")
    else:
        template = translate("FindingText", "{n}rd")
    return template.format(n=n)


def role_name(role: str) -> str:
    names = {
        "system": translate("FindingText", "system"),
        "developer": translate("FindingText", "developer"),
        "user": translate("FindingText", "user"),
        "assistant": translate("FindingText", "assistant"),
        "tool": translate("FindingText", "tool"),
        "function": translate("FindingText", "function"),
    }
    return names.get(role, role)


def kind_name(kind: str) -> str:
    names = {
        "missing": translate("FindingText", "missing"),
        "null": translate("FindingText", "null (no value)"),
        "bool": translate("FindingText", "true/false"),
        "number": translate("FindingText", "a number"),
        "text": translate("FindingText", "text"),
        "list": translate("FindingText", "a list"),
        "empty_list": translate("FindingText", "an empty list"),
        "object": translate("FindingText", "an object"),
    }
    return names.get(kind, translate("FindingText", "a value of another type"))


def format_name(fmt: str) -> str:
    names = {
        "chat": translate("FindingText", "chat"),
        "preference": translate("FindingText", "preference (DPO)"),
    }
    return names.get(fmt, fmt)


# ------------------------------------------------------------------ internals


def _values(params: Mapping[str, Any], path: str | None) -> dict[str, str]:
    """Every placeholder a template may use, as display text."""
    out: dict[str, str] = {}
    for key, value in params.items():
        if isinstance(value, bool) or value is None:
            out[key] = str(value)
        elif isinstance(value, int):
            out[key] = _number(value)
        elif isinstance(value, float):
            out[key] = QLocale().toString(value, "f", 1)
        else:
            out[key] = str(value)
    out["where"] = place(path)
    if "key" in params:
        out["key"] = f"“{params['key']}”"  # a field name: quoted, as the user typed it
    if "role" in params:
        out["role"] = role_name(str(params["role"]))
    if "allowed" in params:
        out["allowed"] = role_name(str(params["allowed"]))
    if "found" in params:
        out["found"] = kind_name(str(params["found"]))
    for key in ("format", "majority"):
        if key in params:
            out[key] = format_name(str(params[key]))
    if "calls_at" in params:
        out["other"] = place(str(params["calls_at"]))
    return out


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"  # a param core did not set (never raises from a repaint)


def _fill(template: str, values: dict[str, str]) -> str:
    try:
        text = template.format_map(_Missing(values))
    except (ValueError, IndexError):
        return template
    return text[:1].upper() + text[1:]  # "{where} ..." starts a sentence


def _number(n: int) -> str:
    return QLocale().toString(n)


@lru_cache(maxsize=4)
def _details(_language: str) -> dict[tuple[str, str], str]:
    return detail_templates()


@lru_cache(maxsize=4)
def _fixes(_language: str) -> dict[tuple[str, str], str]:
    return fix_templates()
