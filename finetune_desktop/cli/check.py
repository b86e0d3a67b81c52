"""``finetune-desktop check``: validate a training file, count its tokens and estimate the price.

Exit status: 0 no errors, 1 errors found, 2 a file could not be read at all (or a bad model / catalog).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from finetune_desktop.cli import Command

# The core (catalog, tokenizer, worker pool) is imported when the command runs, not when the command
# registry builds the parser: ``finetune-desktop --help`` and every other command start without it.

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
#: The human report lists this many findings per code unless --all is given (the summary counts all).
PER_CODE = 20
#: More worker processes than this only costs memory.
MAX_WORKERS = 256


def _epochs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= n <= 50:
        raise argparse.ArgumentTypeError("epochs must be between 1 and 50")
    return n


def _rate(text: str) -> Decimal:
    from finetune_desktop.core.catalog.pricing import parse_rate

    try:
        return parse_rate(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _currency(text: str) -> str:
    code = text.strip().upper()
    if not (1 <= len(code) <= 8 and code.isascii() and code.isalpha()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a currency code; write one like CNY or EUR")
    return code


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= n <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"workers must be between 1 and {MAX_WORKERS}")
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
    p.add_argument(
        "--rate", type=_rate, help="second-currency units per US dollar (default: the catalog's rate)"
    )
    p.add_argument("--currency", type=_currency, help="second currency code (default: the catalog's, CNY)")
    p.add_argument("--workers", type=_workers, help="worker processes (default: one per core)")


def run(args: argparse.Namespace) -> int:
    from finetune_desktop.cli.check_render import render
    from finetune_desktop.core.catalog.models import CatalogError, load_catalog
    from finetune_desktop.core.check.run import run_check
    from finetune_desktop.core.dataset.jsonl_reader import DatasetReadError

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


COMMANDS: dict[str, Command] = {
    "check": ("Check a training file: problems, token counts and estimated price.", add_arguments, run),
}
