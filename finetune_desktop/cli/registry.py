"""Every sub-command, in the order ``--help`` lists them. Each module owns its parser and its run()."""

from __future__ import annotations

from finetune_desktop.cli import Command

COMMANDS: dict[str, Command] = {}


def _register() -> None:
    import importlib

    for module_name in ("check", "workflow", "compare_cmd", "sandbox_cmd"):
        try:
            module = importlib.import_module(f"finetune_desktop.cli.{module_name}")
        except ModuleNotFoundError as exc:  # a module not written yet
            if exc.name != f"finetune_desktop.cli.{module_name}":
                raise
            continue
        COMMANDS.update(module.COMMANDS)


_register()
