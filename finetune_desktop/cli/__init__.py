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


def _escape_unprintable_output() -> None:
    """Text that UTF-8 cannot encode (a lone surrogate from a hostile file, a file name with bytes that
    are not UTF-8) is printed escaped (``\\ud800``) instead of ending the command in a traceback; in
    ``--json`` output the escape is itself valid JSON."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _escape_unprintable_output()
    args = build_parser().parse_args(argv)
    if args.command is None:
        from finetune_desktop.app import run_gui

        return run_gui()
    _help, _add, run = _commands()[args.command]
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
