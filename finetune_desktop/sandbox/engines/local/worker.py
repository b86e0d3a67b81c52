"""The training child process: ``python -m finetune_desktop.sandbox.engines.local.worker JOB_DIR``.

It reads ``job.json``, ``train.jsonl`` and ``valid.jsonl`` from ``JOB_DIR``, carries on from the newest
checkpoint there (a pause or an epoch checkpoint), and appends one JSON line per happening to
``progress.jsonl``: for a hub model ``download_start``, ``download`` (bytes) and ``downloaded`` first, then
``loaded``, ``step`` (API-shaped metrics; ``checkpoint`` at epoch ends), ``paused``,
``done`` or ``error`` (with the API's error code). The server asks it to pause by creating ``JOB_DIR/pause``
(it then saves a checkpoint and exits) and cancels it by killing it; it exits by itself if the server
process goes away.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from finetune_desktop.sandbox.engines.local.parallel import Group
from finetune_desktop.sandbox.engines.local.protocol import (
    KEEP_CHECKPOINTS,
    PAUSE_FLAG,
    PROGRESS_FILE,
    SERVER_PID_ENV,
    ProgressWriter,
)

#: base learning rate of LoRA, scaled by the job's learning_rate_multiplier
BASE_LR = 2e-4
#: below this hidden size a model trains on one CPU thread in float32
SMALL_HIDDEN = 512


def _read_rows(path: Path) -> list[Any]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _latest_state(job_dir: Path) -> Path | None:
    """The checkpoint with the highest step that has everything needed to resume."""
    best: tuple[int, Path] | None = None
    for folder in job_dir.iterdir():
        info = folder / "resume.json"
        if folder.is_dir() and info.is_file() and (folder / "trainer_state.pt").is_file():
            step = int(json.loads(info.read_text("utf-8"))["step"])
            if best is None or step > best[0]:
                best = (step, folder)
    return best[1] if best else None


def _save(trainer: Any, folder: Path, step: int, kind: str, trained_tokens: int) -> None:
    """Write a checkpoint atomically (a temp folder renamed into place)."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    trainer.save(tmp, {"step": step, "trained_tokens": trained_tokens})
    (tmp / "resume.json").write_text(json.dumps({"step": step, "kind": kind}), "utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def _prune(job_dir: Path) -> None:
    """Keep the newest ``KEEP_CHECKPOINTS`` epoch checkpoints (like the API) and drop older pause states."""
    ckpts = sorted(job_dir.glob("ckpt-step-*"), key=lambda p: int(p.name.rsplit("-", 1)[1]))
    for old in ckpts[:-KEEP_CHECKPOINTS]:
        shutil.rmtree(old, ignore_errors=True)
    newest = int(ckpts[-1].name.rsplit("-", 1)[1]) if ckpts else -1
    pause = job_dir / "pause-state"
    if pause.is_dir() and int(json.loads((pause / "resume.json").read_text("utf-8"))["step"]) <= newest:
        shutil.rmtree(pause, ignore_errors=True)


def fetch_base(repo: str, job_dir: Path, out: ProgressWriter) -> Path | None:
    """The hub model's folder, downloaded first if it is not in the cache (``download`` lines report the
    bytes); None when it stopped: a pause (``paused`` at step 0) or a failure (``error``)."""
    from finetune_desktop.sandbox.engines.local.hub import DownloadStopped, download, failure_words

    started = time.time()

    def report(done: int, total: int, speed: float) -> None:
        out.write("download", repo=repo, done=done, total=total, speed=round(speed, 1))

    out.write("download_start", repo=repo)
    try:
        folder, fetched = download(repo, report, lambda: (job_dir / PAUSE_FLAG).exists())
    except DownloadStopped:
        out.write("paused", step=0)
        return None
    except Exception as exc:  # noqa: BLE001 - every failure becomes the job's error, in words
        traceback.print_exc()
        out.write("error", code="model_not_available", message=failure_words(repo, exc))
        return None
    out.write("downloaded", repo=repo, fetched=fetched, seconds=round(time.time() - started, 2))
    return folder


def _server_gone(parent: int) -> bool:
    """Whether the server that started this run, or the launcher between them, has exited (a restart
    resumes from a checkpoint)."""
    if os.getppid() != parent:
        return True
    named = os.environ.get(SERVER_PID_ENV)
    if not named:  # started by the server itself: the parent was the server
        return False
    try:  # started through a launcher (several processes): the server is the launcher's parent
        os.kill(int(named), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError):
        return False
    return False


def train(job_dir: Path, out: ProgressWriter, group: Group) -> None:
    import torch

    from finetune_desktop.sandbox.engines.local.data import TemplateError, encode_rows
    from finetune_desktop.sandbox.engines.local.trainer import (
        PackedLoRA,
        batch_indices,
        load_model,
        pick_device,
    )

    job = json.loads((job_dir / "job.json").read_text("utf-8"))
    parent = os.getppid()
    if job.get("repo"):
        # The first process downloads; the others wait for its word and then read the same cache (a
        # failure or a pause there stops them all, instead of leaving them waiting in a collective).
        from finetune_desktop.sandbox.engines.local.hub import cached_folder

        folder = fetch_base(str(job["repo"]), job_dir, out) if group.main else None
        if not group.decide(folder is not None):
            return
        folder = folder or cached_folder(str(job["repo"]))
        if folder is None:
            raise RuntimeError(
                f"{job['repo']} is not in the download cache after the first process fetched it"
            )
        job["folder"] = str(folder)
    torch.manual_seed(int(job["seed"]))
    device, autocast = pick_device()
    device = group.device(device)
    started = time.time()
    try:
        tokenizer, model = load_model(Path(job["folder"]), job.get("gguf_file"), device)
    except (OSError, ValueError) as exc:
        out.write("error", code="model_not_available", message=f"The base model could not be loaded: {exc}")
        return
    if device.type == "cpu":
        # Small matrices lose more to thread hand-offs (and bf16 conversions) than they gain.
        small = int(model.config.hidden_size) < SMALL_HIDDEN
        cores = max(1, (os.cpu_count() or 1) // group.size)
        threads = int(job.get("threads") or 0) or (1 if small else cores)
        torch.set_num_threads(max(1, threads))
        autocast = None if small else autocast
    max_len = int(job["max_len"])
    try:
        train_ex, skipped = encode_rows(tokenizer, _read_rows(job_dir / "train.jsonl"), max_len)
        valid_ex, _ = encode_rows(tokenizer, _read_rows(job_dir / "valid.jsonl"), max_len)
    except TemplateError as exc:
        out.write(
            "error", code="invalid_training_file", message=f"The model's chat template cannot be used: {exc}"
        )
        return
    if not train_ex:
        out.write(
            "error",
            code="invalid_training_file",
            param="training_file",
            message="The job failed due to an invalid training file: no example has an assistant reply to "
            "learn from.",
        )
        return
    n_layers = int(model.config.num_hidden_layers)
    lora_layers = n_layers if device.type == "cuda" else int(job["cpu_lora_layers"]) or n_layers
    trainer = PackedLoRA(
        model,
        lora_layers=lora_layers,
        rank=int(job["rank"]),
        lr=BASE_LR * float(job["learning_rate_multiplier"]),
        device=device,
        autocast=autocast,
        max_row=max(max_len, int(job["max_row"])),
    )
    step = trained_tokens = 0
    state = _latest_state(job_dir)
    if state is not None:
        saved = trainer.load(state)
        step, trained_tokens = int(saved["step"]), int(saved.get("trained_tokens", 0))
    group.same_start(trainer.trainable)
    total = int(job["total_steps"])
    batch_size = int(job["batch_size"])
    seed = int(job["seed"])
    out.write(
        "loaded",
        seconds=round(time.time() - started, 2),
        resumed_from=step,
        device=device.type,
        precision="bf16" if autocast else "fp32",
        lora_layers=min(lora_layers, n_layers),
        n_layers=n_layers,
        examples=len(train_ex),
        skipped=skipped,
        processes=group.size,
    )
    train_keys = [("t", i) for i in range(len(train_ex))]
    valid_keys = [("v", i) for i in range(len(valid_ex))]
    while step < total:
        if group.decide((job_dir / PAUSE_FLAG).exists()):
            if group.main:
                _save(trainer, job_dir / "pause-state", step, "pause", trained_tokens)
            out.write("paused", step=step)
            return
        if group.decide(_server_gone(parent)):  # a restart resumes from a checkpoint
            return
        step += 1
        epoch, idx, epoch_end = batch_indices(len(train_ex), batch_size, seed, step)
        mine = group.share(idx)
        stats = trainer.train_step([train_keys[i] for i in mine], [train_ex[i] for i in mine], group)
        trained_tokens += stats.tokens
        metrics: dict[str, float] = {
            "step": float(step),
            "train_loss": round(stats.loss, 4),
            "train_mean_token_accuracy": round(stats.accuracy, 4),
            "total_steps": float(total),
        }
        if valid_ex and group.main:  # the other processes go on to the next step and wait for this one
            lo = ((step - 1) * batch_size) % len(valid_ex)
            vi = [(lo + k) % len(valid_ex) for k in range(min(batch_size, len(valid_ex)))]
            v = trainer.evaluate([valid_keys[i] for i in vi], [valid_ex[i] for i in vi])
            metrics["valid_loss"] = round(v.loss, 4)
            metrics["valid_mean_token_accuracy"] = round(v.accuracy, 4)
            if epoch_end:
                full = trainer.evaluate(valid_keys, valid_ex)
                metrics["full_valid_loss"] = round(full.loss, 4)
                metrics["full_valid_mean_token_accuracy"] = round(full.accuracy, 4)
        checkpoint = None
        if epoch_end:
            folder = job_dir / f"ckpt-step-{step}"
            if group.main:
                _save(trainer, folder, step, "epoch", trained_tokens)
                _prune(job_dir)
            checkpoint = str(folder)
        out.write(
            "step",
            step=step,
            epoch=epoch,
            epoch_end=epoch_end,
            metrics=metrics,
            checkpoint=checkpoint,
            tokens=stats.tokens,
            trained_tokens=trained_tokens,
        )
    final = job_dir / "final"
    if group.main:
        _save(trainer, final, step, "final", trained_tokens)
    out.write("done", result=str(final), trained_tokens=trained_tokens)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    job_dir = Path(args[0])
    group = Group()
    out = ProgressWriter(job_dir / PROGRESS_FILE, errors_only=not group.main)
    try:
        train(job_dir, out, group)
    except MemoryError:
        out.write("error", code="out_of_memory", message="Training ran out of memory; try a smaller model.")
        return 1
    except Exception as exc:  # noqa: BLE001 - reported to the job as its error, with the traceback in the log
        traceback.print_exc()
        text = str(exc)
        if "out of memory" in text.lower():
            out.write("error", code="out_of_memory", message=f"Training ran out of memory: {text[:300]}")
        else:
            out.write(
                "error", code="internal_error", message=f"Training failed: {type(exc).__name__}: {text[:300]}"
            )
        return 1
    finally:
        group.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
