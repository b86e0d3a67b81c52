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


def app_version() -> str:
    """The installed distribution's version (what ``--version`` and the About dialog show)."""
    from finetune_desktop.core.about import app_version as version

    return version()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finetune-desktop",
        description="Fine-tune chat models without writing code. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (window, sample, exact token counts offline, keyring, local server) "
        "and exit: 0 when all passed, 1 with what failed",
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


def main(
    argv: Sequence[str] | None = None,
    *,
    gui: Callable[[], int] | None = None,
    self_test: Callable[[], int] | None = None,
) -> int:
    """Run a sub-command; with none, ``gui()`` (the app passes its window; the CLI alone prints help).

    The CLI never imports the app: ``finetune_desktop.app.main`` is the entry point and hands in the
    window and the installation self-test (both wire the GUI, the local server and core together).
    """
    from finetune_desktop.core.tokens.vocab_cache import use_bundled_cache

    _escape_unprintable_output()
    use_bundled_cache()  # an installed app counts tokens exactly offline from its first start
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        if self_test is None:
            parser.error("--self-test runs from the app: finetune-desktop --self-test")
        return self_test()
    if args.command is None:
        if gui is None:
            parser.print_help()
            return 0
        return gui()
    _help, _add, run = _commands()[args.command]
    return run(args)


if __name__ == "__main__":
    sys.exit(main())  # (python -m finetune_desktop opens the app; this runs sub-commands only)
