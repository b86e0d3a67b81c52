"""One local training run, seen from the server: a child process, a progress file and a pause flag.

The child (``worker.py``) does the work; this side only starts it, reads the new lines of its
``progress.jsonl`` on each poll, creates or removes ``pause`` and kills it on cancel. Nothing here waits
on the child, so the server stays responsive while a model trains.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from finetune_desktop.sandbox.engine import Note, Progress, RunFailure, TrainingSpec
from finetune_desktop.sandbox.engines.local.models import LocalModel
from finetune_desktop.sandbox.engines.local.protocol import (
    PAUSE_FLAG,
    PROGRESS_FILE,
    SERVER_PID_ENV,
    ProgressReader,
    child_env,
    last_log_line,
    start_child,
)

#: what the child needs besides the job's own numbers
DEFAULTS: dict[str, Any] = {
    "max_len": 2048,
    "max_row": 4096,
    "rank": 16,
    "cpu_lora_layers": 8,
    "threads": 0,
    "processes": 0,  # 0: one per visible NVIDIA GPU, else 1
}
#: rough training speed (tokens/s) and model load time for the estimate shown before the first step
CPU_TOKENS_PER_S = 250.0
GPU_TOKENS_PER_S = 20_000.0
LOAD_SECONDS = 20.0
#: how long a launcher may take to stop its training processes before it is killed
LAUNCHER_STOP_S = 15.0


def visible_gpus() -> int:
    """NVIDIA GPUs this process may use, without importing torch (the driver's list, less any hidden by
    ``CUDA_VISIBLE_DEVICES``)."""
    root = Path("/proc/driver/nvidia/gpus")
    try:
        present = sum(1 for _ in root.iterdir())
    except OSError:
        return 0
    shown = os.environ.get("CUDA_VISIBLE_DEVICES")
    if shown is None:
        return present
    return min(present, len([d for d in shown.split(",") if d.strip() and d.strip() != "-1"]))


def launch_args(processes: int) -> list[str]:
    """``accelerate launch`` for ``processes`` data-parallel training processes on this computer."""
    with socket.socket() as s:  # a free port for the process group, so that two jobs never collide
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return [
        "-m",
        "accelerate.commands.launch",
        "--multi_gpu",
        "--num_processes",
        str(processes),
        "--num_machines",
        "1",
        "--mixed_precision",
        "no",  # the trainer sets its own autocast
        "--dynamo_backend",
        "no",
        "--main_process_ip",
        "127.0.0.1",
        "--main_process_port",
        str(port),
    ]


#: seconds between two download-progress events of a job
DOWNLOAD_EVENT_EVERY = 1.0


def _write_rows(path: Path, rows: Sequence[Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    os.replace(tmp, path)


class LocalRun:
    def __init__(
        self,
        spec: TrainingSpec,
        model: LocalModel,
        workdir: Path,
        training: Sequence[Any],
        validation: Sequence[Any],
        *,
        completed_steps: int = 0,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.spec = spec
        self.total_steps = spec.total_steps
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        _write_rows(workdir / "train.jsonl", training)
        _write_rows(workdir / "valid.jsonl", validation)
        job = {
            **DEFAULTS,
            **(options or {}),
            **model.to_json(),
            "seed": spec.seed,
            "batch_size": spec.batch_size,
            "learning_rate_multiplier": spec.learning_rate_multiplier,
            "total_steps": spec.total_steps,
        }
        (workdir / "job.json").write_text(json.dumps(job), "utf-8")
        self._job = job
        self.processes = 1
        (workdir / PAUSE_FLAG).unlink(missing_ok=True)
        self._repo = model.repo
        self._download: Note | None = None
        self._download_shown = 0.0
        self._done_steps = completed_steps
        self._proc: subprocess.Popen[bytes] | None = None
        self._progress = ProgressReader(workdir / PROGRESS_FILE)
        self._failure: RunFailure | None = None
        self._result: str | None = None
        self._trained: int | None = None
        self._pause_wanted = False
        self._paused = False
        self._cancelled = False
        self._step_times: list[tuple[float, int]] = []
        self._notes: list[str | Note] = []
        self._spawn()

    # the child --------------------------------------------------------------------------------------
    def _spawn(self) -> None:
        old = self._proc
        if old is not None and old.poll() is None:  # a child that paused is exiting: let it finish
            try:
                old.wait(10)
            except subprocess.TimeoutExpired:
                self._kill(old)
        self._progress.skip_existing()
        env = child_env()
        if self._repo is not None and "HF_HUB_OFFLINE" not in os.environ:
            env.pop("HF_HUB_OFFLINE")  # a hub model is downloaded by the child; nothing else goes online
        args = ["-m", "finetune_desktop.sandbox.engines.local.worker", str(self.workdir)]
        self.processes = int(self._job["processes"]) or visible_gpus() or 1
        if self.processes > 1:
            # One process per device through accelerate's launcher (torchrun underneath); the launcher
            # leads a process group of its own so that cancel stops every training process.
            env[SERVER_PID_ENV] = str(os.getpid())
            args = [*launch_args(self.processes), *args]
        self._proc = start_child(args, self.workdir / "worker.log", env, new_session=self.processes > 1)
        self._paused = False
        self._step_times = [(time.monotonic(), self._done_steps)]

    def _kill(self, proc: subprocess.Popen[bytes]) -> None:
        """Stop the child now. A launcher is asked first (SIGTERM), so that it stops the training
        processes it started (each in a session of its own); they also stop once it is gone."""
        if self.processes > 1:
            proc.terminate()
            try:
                proc.wait(LAUNCHER_STOP_S)
                return
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        proc.wait(5)

    def _stop_child(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            self._kill(proc)

    def _log_tail(self) -> str:
        return last_log_line(self.workdir / "worker.log")

    # TrainingRun -----------------------------------------------------------------------------------
    def poll(self, elapsed: float) -> list[Progress]:
        if self._cancelled or self._failure is not None:
            return []
        out: list[Progress] = []
        for line in self._progress.new_lines():
            kind = line.get("type")
            if kind == "step":
                step = int(line["step"])
                self._done_steps = step
                self._trained = int(line.get("trained_tokens", 0)) or None
                self._step_times.append((time.monotonic(), step))
                out.append(
                    Progress(
                        step,
                        self.total_steps,
                        int(line["epoch"]),
                        None,
                        {k: float(v) for k, v in line["metrics"].items()},
                        bool(line["epoch_end"]),
                        line.get("checkpoint"),
                    )
                )
            elif kind in ("download_start", "download", "downloaded"):
                self._download_line(kind, line)
            elif kind == "loaded":
                self._notes.append(_loaded_note(line))
            elif kind == "paused":
                self._paused = True
                if not self._pause_wanted:  # resumed while the child was already saving: go on
                    self._spawn()
            elif kind == "done":
                self._result = str(line["result"])
                self._trained = int(line.get("trained_tokens", 0)) or self._trained
            elif kind == "error":
                self._failure = RunFailure(str(line["code"]), str(line["message"]), line.get("param"))
        self._flush_download(force=False)
        proc = self._proc
        if (
            proc is not None
            and proc.poll() is not None
            and self._result is None
            and self._failure is None
            and not self._paused
            and not self._progress.pending()
        ):
            detail = self._log_tail()
            self._failure = RunFailure(
                "internal_error",
                f"The training process stopped unexpectedly (exit code {proc.returncode})"
                + (f": {detail}" if detail else "."),
            )
        return out

    def _download_line(self, kind: str, line: dict[str, Any]) -> None:
        """A hub download's progress: the newest ``download`` line becomes an event at most every
        ``DOWNLOAD_EVENT_EVERY`` seconds; the start and the end always do."""
        repo = str(line.get("repo", self._repo))
        if kind == "download_start":
            self._notes.append(
                Note(
                    f"Getting the base model {repo} from the Hugging Face hub (downloaded once, then cached)",
                    {"phase": "download", "repo": repo, "bytes_done": 0, "bytes_total": 0},
                )
            )
        elif kind == "download":
            self._download = _download_note(repo, int(line["done"]), int(line["total"]), float(line["speed"]))
        else:
            self._flush_download(force=True)
            fetched = bool(line.get("fetched"))
            text = (
                f"Base model {repo} downloaded in {float(line.get('seconds', 0)):.0f} s"
                if fetched
                else f"Base model {repo} found in the download cache: nothing to download"
            )
            self._notes.append(
                Note(text, {"phase": "download", "repo": repo, "done": True, "cached": not fetched})
            )

    def _flush_download(self, *, force: bool) -> None:
        now = time.monotonic()
        if self._download is not None and (force or now - self._download_shown >= DOWNLOAD_EVENT_EVERY):
            self._notes.append(self._download)
            self._download = None
            self._download_shown = now

    @property
    def finished(self) -> bool:
        return self._result is not None

    @property
    def failure(self) -> RunFailure | None:
        return self._failure

    @property
    def result(self) -> str | None:
        return self._result

    @property
    def trained_tokens(self) -> int | None:
        return self._trained

    def remaining(self, elapsed: float) -> float | None:
        """Seconds left at the pace of the steps done since the child started (None before two steps)."""
        (t0, s0), (t1, s1) = self._step_times[0], self._step_times[-1]
        if s1 - s0 < 2:
            return None
        return (t1 - t0) / (s1 - s0) * (self.total_steps - s1)

    def notes(self) -> list[str | Note]:
        self._flush_download(force=False)
        out, self._notes = self._notes, []
        return out

    def pause(self) -> None:
        self._pause_wanted = True
        (self.workdir / PAUSE_FLAG).touch()

    def paused(self, waited: float) -> bool:
        """The child saved its pause checkpoint and exited (or is gone)."""
        proc = self._proc
        return proc is None or proc.poll() is not None

    def resume(self) -> None:
        self._pause_wanted = False
        (self.workdir / PAUSE_FLAG).unlink(missing_ok=True)
        proc = self._proc
        if self._paused or proc is None or proc.poll() is not None:
            self._spawn()

    def cancel(self) -> None:
        self._cancelled = True
        self._stop_child()

    def close(self) -> None:
        self._stop_child()


def _loaded_note(line: dict[str, Any]) -> str:
    """What the child reported once the model was loaded, as an event message."""
    processes = int(line.get("processes") or 1)
    on = f"{processes} {line.get('device', '?')} processes" if processes > 1 else line.get("device", "?")
    text = (
        f"Model loaded in {float(line.get('seconds', 0)):.0f} s; training on {on} in "
        f"{line.get('precision', '?')}: LoRA on the top {line.get('lora_layers')} of {line.get('n_layers')} "
        f"layers, {line.get('examples')} examples"
    )
    if line.get("skipped"):
        text += f" ({line['skipped']} skipped: no assistant reply to learn)"
    if line.get("resumed_from"):
        text += f"; resumed from step {line['resumed_from']}"
    return text


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _download_note(repo: str, done: int, total: int, speed: float) -> Note:
    share = f" ({100 * done / total:.0f}%)" if total else ""
    return Note(
        f"Downloading base model {repo}: {_mb(done)} of {_mb(total)}{share}, {_mb(speed)}/s",
        {
            "phase": "download",
            "repo": repo,
            "bytes_done": done,
            "bytes_total": total,
            "bytes_per_second": round(speed),
        },
    )


def estimate_seconds(spec: TrainingSpec, train_tokens: int, *, gpu: bool) -> float:
    """Load time plus the job's tokens at a typical speed (refined from real steps once they come)."""
    speed = GPU_TOKENS_PER_S if gpu else CPU_TOKENS_PER_S
    return LOAD_SECONDS + train_tokens * spec.n_epochs / speed
