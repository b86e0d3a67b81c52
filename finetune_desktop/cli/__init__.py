"""The ``finetune-desktop`` command: no sub-command opens the GUI; sub-commands do headless work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

#: name -> (help, add_arguments(parser), run(args) -> exit code). Sub-command modules register here.
Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _commands() -> dict[str, Command]:
    from finetune_desktop.cli import registry

    return registry.COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finetune-desktop",
        description="Fine-tune chat models without writing code. With no command, opens the app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_args, _run) in _commands().items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_args(p)
    return parser


def main(argv: Sequence[str] | None = None, *, gui: Callable[[], int] | None = None) -> int:
    """Run a sub-command; with none, ``gui()`` (the app passes its window; the CLI alone prints help).

    The CLI never imports the app: ``finetune_desktop.app.main`` is the entry point and hands it in.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if gui is None:
            parser.print_help()
            return 0
        return gui()
    _help, _add, run = _commands()[args.command]
    return run(args)


if __name__ == "__main__":
    sys.exit(main())  # (python -m finetune_desktop opens the app; this runs sub-commands only)
