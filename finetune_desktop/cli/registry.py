"""Every sub-command, in the order ``--help`` lists them. Each module owns its parser and its run().

Imported explicitly (no ``importlib``), so linters, type checkers and bundlers see every command; the
command modules keep their heavy imports inside ``run`` so ``--help`` starts fast.
"""

from __future__ import annotations

from finetune_desktop.cli import (
    Command,
    check,
    compare_cmd,
    export_cmd,
    local_models_cmd,
    sandbox_cmd,
    workflow,
)

COMMANDS: dict[str, Command] = {
    **check.COMMANDS,
    **workflow.COMMANDS,
    **compare_cmd.COMMANDS,
    **export_cmd.COMMANDS,
    **sandbox_cmd.COMMANDS,
    **local_models_cmd.COMMANDS,
}
