"""``finetune-desktop train`` on a base model the local engine offers from a folder (not in the catalog).

The command checks the file before it uploads anything; a model the price catalog does not list used to
stop it there ("Unknown model"), so a user's own model folder needed ``--no-check``. The server's model
list now says the model is trained on this computer, and the check runs for it (price 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finetune_desktop.cli import main
from finetune_desktop.sandbox import SandboxServer
from tests.sandbox.local.conftest import SAMPLE, TINY, need_local_packages

need_local_packages()

KEY = "sk-test-local-cli"


def _train(server: SandboxServer, *extra: str) -> list[str]:
    return [
        "train",
        str(SAMPLE),
        "--model",
        TINY,
        "--epochs",
        "1",
        "--base-url",
        server.base_url,
        "--retry-delay",
        "0.02",
        *extra,
    ]


def test_train_checks_a_folder_model_and_trains_it(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    assert main(_train(server, "--wait", "--interval", "0.1")) == 0
    out, err = capsys.readouterr()
    assert "check: 24 examples, no errors" in err
    lines = out.splitlines()
    assert lines[0].startswith("ftjob-")
    assert lines[-1].startswith(f"done: {lines[0]} succeeded; model: ft:{TINY}:local:")


def test_a_model_no_server_offers_is_still_refused_before_upload(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    args = _train(server)
    args[args.index(TINY)] = "no-such-model"
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Unknown model 'no-such-model'" in err
    assert server.context is not None
    assert server.context.state.files == {}  # nothing was uploaded
