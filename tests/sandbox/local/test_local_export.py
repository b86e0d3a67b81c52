"""Export of a local fine-tune through the real server, the service layer (the real openai client over
loopback) and the CLI: the merged folder loads with ``from_pretrained`` and answers exactly as the
server's chat did; the adapter is a PEFT folder that answers like the checkpoint; unsafe folders are
refused in plain words and leave nothing behind."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openai import OpenAI

from tests.sandbox.local.conftest import (
    FAST_LR,
    TINY,
    alive,
    child_pids,
    ended,
    local_server,
    need_local_packages,
    upload_sample,
    wait_for,
)

need_local_packages()

import torch  # noqa: E402

from finetune_desktop.cli import main as cli_main  # noqa: E402
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind  # noqa: E402
from finetune_desktop.core.api.exports import ExportFailed  # noqa: E402
from finetune_desktop.core.cancel import Cancelled, CancelToken  # noqa: E402
from finetune_desktop.core.service.retry import RetryPolicy  # noqa: E402
from finetune_desktop.core.service.service import FineTuningService, connect  # noqa: E402
from finetune_desktop.sandbox import SandboxServer  # noqa: E402
from finetune_desktop.sandbox.engines.local import LocalEngine  # noqa: E402
from finetune_desktop.sandbox.errors import ApiError  # noqa: E402
from finetune_desktop.sandbox.routes_exports import _from_this_computer, check_folder  # noqa: E402

ASK = [{"role": "user", "content": "A story about a lighthouse keeper who receives a letter."}]
MAX_TOKENS = 12


@dataclass
class Trained:
    server: SandboxServer
    client: OpenAI
    service: FineTuningService
    model: str
    checkpoint: str
    state: Path


@pytest.fixture(scope="module")
def trained(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Trained]:
    state = tmp_path_factory.mktemp("export-state")
    with (
        local_server(tiny_model, state) as server,
        OpenAI(api_key="sk-test-local", base_url=server.base_url, max_retries=0, timeout=60) as client,
    ):
        job = client.fine_tuning.jobs.create(
            model=TINY,
            training_file=upload_sample(client),
            suffix="fiction",
            seed=3,
            hyperparameters={"n_epochs": 2, "batch_size": 4, "learning_rate_multiplier": FAST_LR},
        )
        done = wait_for(client, job.id, ended)
        assert done.status == "succeeded", done.error
        ckpt = client.fine_tuning.jobs.checkpoints.list(job.id).data[-1].fine_tuned_model_checkpoint
        profile = Profile(id="t", name="t", kind=ProfileKind.COMPATIBLE, base_url=server.base_url)
        service = connect(profile, None, policy=RetryPolicy(max_retries=0))
        yield Trained(server, client, service, done.fine_tuned_model, ckpt, state)
        service.close()


def _server_answer(t: Trained, model: str) -> str:
    reply = t.client.chat.completions.create(model=model, messages=ASK, max_tokens=MAX_TOKENS)
    return str(reply.choices[0].message.content)


def _generate(tokenizer: Any, model: Any, **options: Any) -> str:
    enc = tokenizer.apply_chat_template(
        ASK, add_generation_prompt=True, return_tensors="pt", return_dict=True
    )
    with torch.no_grad():
        out = model.generate(**enc, max_new_tokens=MAX_TOKENS, **options)
    return str(tokenizer.decode(out[0, enc["input_ids"].shape[1] :], skip_special_tokens=True).strip())


@pytest.mark.slow
def test_the_merged_folder_loads_with_transformers_and_answers_like_the_fine_tune(
    trained: Trained, tmp_path: Path
) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    expected = _server_answer(trained, trained.model)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "merged"

    status = trained.service.export_model(
        trained.model, out, merged=True, progress=lambda d, t: seen.append((d, t)), poll_interval=0.05
    )

    assert status.status == "succeeded"
    assert Path(status.folder) == out
    names = set(os.listdir(out))
    assert {"config.json", "model.safetensors", "generation_config.json", "tokenizer.json"} <= names
    assert "adapter_config.json" not in names  # merged: a plain model, no PEFT left
    assert seen[-1] == (3, 3)
    gen = json.loads((out / "generation_config.json").read_text())
    assert gen["do_sample"] is False
    assert gen["repetition_penalty"] == pytest.approx(1.1)
    tokenizer = AutoTokenizer.from_pretrained(str(out))
    assert tokenizer.chat_template  # the chat template travels with the tokenizer files
    model = AutoModelForCausalLM.from_pretrained(str(out))
    # the folder's own generation config makes a plain generate() answer as the app's chat did
    assert _generate(tokenizer, model) == expected
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no partial folder left


@pytest.mark.slow
def test_the_adapter_is_a_peft_folder_that_answers_like_the_checkpoint(
    trained: Trained, tiny_model: Path, tmp_path: Path
) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    expected = _server_answer(trained, trained.checkpoint)
    out = tmp_path / "adapter"
    out.mkdir()  # an empty folder is fine too

    status = trained.service.export_model(trained.checkpoint, out, poll_interval=0.05)

    assert sorted(os.listdir(out)) == ["adapter_config.json", "adapter_model.safetensors"]
    assert status.files == ("adapter_config.json", "adapter_model.safetensors")
    assert status.base_path == str(tiny_model)
    tokenizer = AutoTokenizer.from_pretrained(str(tiny_model))
    with warnings.catch_warnings():  # transformers' deprecation notices, raised inside peft
        warnings.simplefilter("ignore", FutureWarning)
        model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(str(tiny_model)), str(out))
    pad = tokenizer.pad_token_id
    answer = _generate(tokenizer, model, do_sample=False, repetition_penalty=1.1, pad_token_id=pad)
    assert answer == expected


def test_unsafe_or_unusable_folders_are_refused_in_plain_words(trained: Trained, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    cases = {
        "relative/folder": "absolute path",
        str(tmp_path / "a" / ".." / "b"): "must not contain '..'",
        str(full): "is not empty",
        str(a_file): "is a file",
        str(link): "is a link",
        str(tmp_path / "missing" / "out"): "does not exist",
        str(trained.state / "engine" / "out"): "server's own data",
        "/etc/finetune-export-test": "system folder",
    }
    for folder, words in cases.items():
        with pytest.raises(ExportFailed) as info:
            trained.service.export_model(trained.model, folder)
        assert words in info.value.title, (folder, info.value.title)
        assert info.value.status == 400
    assert (full / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "full", "link"]

    with pytest.raises(ExportFailed, match="is a base model"):
        trained.service.export_model(TINY, tmp_path / "base")
    with pytest.raises(ExportFailed, match="does not exist"):
        trained.service.export_model("ft:nothing:local:x:ftjob-none", tmp_path / "none")


def test_a_simulated_model_cannot_be_exported(tmp_path: Path) -> None:
    with SandboxServer(speed=100) as server:
        profile = Profile(id="s", name="s", kind=ProfileKind.COMPATIBLE, base_url=server.base_url)
        with connect(profile, None, policy=RetryPolicy(max_retries=0)) as service:
            base = service.list_models()[0].id
            with pytest.raises(ExportFailed, match="only simulates training"):
                service.export_model(f"ft:{base}:sandbox:x:ftjob-abc", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_cli_exports_and_prints_the_next_steps(
    trained: Trained, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli-adapter"

    code = cli_main(["export", trained.model, "--out", str(out), "--base-url", trained.server.base_url])

    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert (out / "adapter_model.safetensors").is_file()
    assert f"Exported the adapter to {out}" in printed.out
    assert f"python convert_lora_to_gguf.py {out} --base " in printed.out
    assert "llama-cli -m base.gguf --lora adapter.gguf" in printed.out
    assert f"ADAPTER {out}" in printed.out

    code = cli_main(["export", trained.model, "--out", str(out), "--base-url", trained.server.base_url])
    printed = capsys.readouterr()
    assert code == 1
    assert "is not empty" in printed.err


def _export_processes(server: SandboxServer) -> list[int]:
    """The server's export child processes still running (their command line names the spec file in the
    engine's own folder)."""
    assert server.context is not None
    engine = server.context.jobs.engine
    assert isinstance(engine, LocalEngine)
    module = "finetune_desktop.sandbox.engines.local.export_worker"
    return [p for f in engine.protected_folders() for p in child_pids(module, f) if alive(p)]


def test_stopping_an_export_leaves_nothing_behind(trained: Trained, tmp_path: Path) -> None:
    token = CancelToken()
    out = tmp_path / "stopped"

    with pytest.raises(Cancelled):
        trained.service.export_model(
            trained.model, out, merged=True, progress=lambda *_: token.cancel(), cancel=token
        )

    assert list(tmp_path.iterdir()) == []  # neither the folder nor a half-written one
    assert _export_processes(trained.server) == []  # the child is stopped, so nothing is written later either
    assert trained.client.models.retrieve(trained.model).id == trained.model  # the server goes on


def test_a_full_disk_and_another_computer_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ApiError, match="Not enough free disk space") as info:
        check_folder(str(tmp_path / "out"), protected=[], need_bytes=1 << 60)
    assert info.value.code == "no_disk_space"
    assert check_folder(str(tmp_path / "out"), protected=[], need_bytes=1) == tmp_path / "out"

    def request_from(host: str) -> Any:
        return SimpleNamespace(client=SimpleNamespace(host=host))

    assert _from_this_computer(request_from("127.0.0.1"))
    assert _from_this_computer(request_from("::1"))
    assert not _from_this_computer(request_from("192.168.1.20"))
