"""``finetune-desktop check``: validate a training file, count its tokens and estimate the price.

Exit status: 0 no errors, 1 errors found, 2 a file could not be read at all (or a bad model / catalog).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from finetune_desktop.cli import Command
from finetune_desktop.core.catalog import CatalogError, load_catalog
from finetune_desktop.core.check import CheckReport, run_check
from finetune_desktop.core.findings import Finding, Severity
from finetune_desktop.core.jsonl import DatasetReadError
from finetune_desktop.core.pricing import money

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
#: The human report lists this many findings per code unless --all is given (the summary counts all).
PER_CODE = 20


def _epochs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= n <= 50:
        raise argparse.ArgumentTypeError("epochs must be between 1 and 50")
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("train", metavar="TRAIN.jsonl", type=Path, help="the training file (JSON Lines)")
    p.add_argument("--validation", metavar="VAL.jsonl", type=Path, help="a validation file to check too")
    p.add_argument("--model", help="model to price and count for (default: the catalog's default model)")
    p.add_argument(
        "--epochs", type=_epochs, help="epochs to price (default: OpenAI's rule for the file size)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    p.add_argument("--all", action="store_true", help=f"list every finding (default: {PER_CODE} per code)")
    p.add_argument("--models-file", type=Path, help="a models.json overriding the bundled model catalog")
    p.add_argument("--rate", help="second-currency units per US dollar (default: the catalog's rate)")
    p.add_argument("--currency", help="second currency code (default: the catalog's, CNY)")
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")


def run(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.models_file)
        report = run_check(
            args.train,
            validation_path=args.validation,
            model=args.model,
            epochs=args.epochs,
            workers=args.workers,
            catalog=catalog,
            rate=args.rate,
            currency=args.currency,
        )
    except (DatasetReadError, CatalogError) as exc:
        if args.json:
            print(json.dumps({"file": str(args.train), "error": str(exc)}, ensure_ascii=False))
        print(f"finetune-desktop check: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    for problem in report.catalog_problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(render(report, per_code=None if args.all else PER_CODE))
    return EXIT_ERRORS if report.errors else EXIT_OK


# --- human report ----------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _where(f: Finding) -> str:
    parts = [f"{f.file or ''}:{f.line}" if f.line is not None else (f.file or "(file)")]
    if f.example is not None:
        parts.append(f"example {f.example + 1}")
    if f.path:
        parts.append(f.path)
    return "  ".join(parts)


def render(r: CheckReport, per_code: int | None = None) -> str:
    """The human-readable report: summary first, then each finding with its place and fix (at most
    ``per_code`` of each code, so 30,000 identical warnings do not bury the one error)."""
    t = r.tokens
    info = r.model_info
    lines = [f"{r.file}: {_plural(r.examples, 'example')}, {r.format.value} format, model {r.model}"]
    if r.validation_file:
        lines.append(
            f"validation file: {r.validation_file}: {_plural(r.validation_examples or 0, 'example')}"
        )
    if t.estimated:
        lines.append(
            "ESTIMATE: the tokenizer vocabulary could not be loaded, so every token count and price below is "
            "an approximation."
        )
    lines.append("")
    lines.append(f"Findings: {_plural(len(r.errors), 'error')}, {_plural(len(r.warnings), 'warning')}")
    severity = {f.code: f.severity for f in r.findings}
    for code, n in sorted(
        r.counts_by_code().items(), key=lambda kv: (severity[kv[0]] != Severity.ERROR, kv[0])
    ):
        lines.append(f"  {severity[code].value:<8} {code:<36} {n:>8,}")
    est = " (ESTIMATE)" if t.estimated else ""
    lines.append("")
    lines.append(
        f"Tokens per example{est}: min {t.min:,} · median {t.p50:,} · p90 {t.p90:,} · max {t.max_example:,}"
    )
    cap = info.training_context
    cap_text = f"capped at {cap:,} per example" if cap else "no per-example cap known"
    if info.training_context and not info.training_context_verified:
        cap_text += ", limit not confirmed by OpenAI"
    lines.append(f"Total tokens{est}: {t.total:,}   billed ({cap_text}): {t.billed:,}")
    if t.truncated_examples:
        lines.append(f"  {_plural(t.truncated_examples, 'example')} longer than the limit will be truncated")
    how = f"OpenAI's default for {_plural(r.examples, 'example')}" if r.epochs_is_default else "as requested"
    lines.append(f"Epochs: {r.epochs} ({how})")
    lines.append(_cost_line(r))
    today = date.today()
    if info.is_shut_down(today):
        lines.append(f"Note: {info.id} was shut down on {info.shutdown_date}.")
    elif not info.accepts_new_jobs(today):
        lines.append(f"Note: new fine-tuning jobs for {info.id} are no longer accepted.")
    elif info.new_jobs_until:
        lines.append(
            f"Note: OpenAI accepts new jobs for {info.id} until {info.new_jobs_until}; "
            f"the model shuts down on {info.shutdown_date}."
        )
    if r.findings:
        lines.append("")
        shown: Counter[str] = Counter()
        for f in r.findings:
            shown[f.code] += 1
            if per_code is not None and shown[f.code] > per_code:
                continue
            lines.append(f"{_where(f)}  [{f.severity.value} {f.code}]")
            lines.append(f"    {f.message}")
            if f.fix:
                lines.append(f"    fix: {f.fix}")
        hidden = {code: n - per_code for code, n in shown.items() if per_code is not None and n > per_code}
        for code, n in sorted(hidden.items()):
            lines.append(f"... and {n:,} more {code} (use --all or --json to see every finding)")
    return "\n".join(lines)


def _cost_line(r: CheckReport) -> str:
    c = r.cost
    if c.usd is None:
        return f"Estimated cost: unknown (no per-token training price for {r.model_info.id} in the catalog)"
    mark = "ESTIMATE " if c.estimated else ""
    text = f"Estimated cost: {mark}${money(c.usd):,} (at ${c.price_per_1m} per 1M training tokens"
    text += f", prices last published {c.prices_date})" if c.prices_date else ")"
    if c.local is not None and c.currency != "USD":
        rate_when = f" of {c.rate_date}" if c.rate_date else ""
        text += f" ≈ {c.currency} {money(c.local):,} (rate {c.rate}{rate_when})"
    return text


COMMANDS: dict[str, Command] = {
    "check": ("Check a training file: problems, token counts and estimated price.", add_arguments, run),
}
