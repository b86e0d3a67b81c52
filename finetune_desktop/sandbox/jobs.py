"""Fine-tuning job lifecycle on the simulated clock, computed lazily whenever a job is looked at.

``validating_files -> queued -> running -> succeeded | failed | cancelled`` (plus ``pausing``/``paused``).
Nothing runs in the background: :meth:`JobManager.refresh` works out from the clock what has happened
since the last look, emits those events (stamped with the time they happened) and saves, so the server
never blocks and a job moves even if nobody polls it for a while.
"""

from __future__ import annotations

import base64
from typing import Any

from finetune_desktop.core.model_names import base_model
from finetune_desktop.core.pricing import default_epochs
from finetune_desktop.sandbox.clock import SimClock
from finetune_desktop.sandbox.engine import (
    Progress,
    SimulatedEngine,
    TrainingEngine,
    TrainingRun,
    TrainingSpec,
    default_batch_size,
)
from finetune_desktop.sandbox.state import JobRecord, SandboxState, new_id

VALIDATE_SECONDS = 30.0
QUEUE_SECONDS = 20.0
PAUSING_SECONDS = 5.0
ORG_ID = "org-sandbox"
ORG_SLUG = "sandbox"
TERMINAL = frozenset({"succeeded", "failed", "cancelled"})
RESULT_HEADER = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy"
#: Checkpoints are kept for this many final epochs (as the real service does).
CHECKPOINT_EPOCHS = 3


def base_of(model: str) -> str:
    """``ft:gpt-4o-mini-2024-07-18:org:sfx:id[:ckpt-step-N]`` -> ``gpt-4o-mini-2024-07-18``."""
    return base_model(model)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


class JobManager:
    def __init__(self, state: SandboxState, clock: SimClock, engine: TrainingEngine | None = None) -> None:
        self.state = state
        self.clock = clock
        self.engine: TrainingEngine = engine or SimulatedEngine()
        self._runs: dict[str, TrainingRun] = {}
        self._rows_cache: dict[str, list[Any]] = {}

    def forget(self) -> None:
        """Drop running engines and cached rows (after a reset of the store)."""
        with self.state.lock:
            for run in self._runs.values():
                run.cancel()
            self._runs.clear()
            self._rows_cache.clear()

    # creation --------------------------------------------------------------------------------------
    def create(
        self,
        obj: dict[str, Any],
        *,
        n_train: int,
        n_valid: int,
        train_tokens: int,
        invalid: dict[str, Any] | None,
        suffix: str,
        train_rows: list[Any],
        valid_rows: list[Any],
    ) -> JobRecord:
        now = self.clock.sim()
        rec = JobRecord(
            obj=obj,
            n_train=n_train,
            n_valid=n_valid,
            train_tokens=train_tokens,
            invalid=invalid,
            model_tag=new_id("", 8),
            suffix=suffix,
        )
        rec.start_timer(now)
        self._rows_cache[obj["id"]] = train_rows
        self._rows_cache[obj["id"] + ":valid"] = valid_rows
        self._event(rec, 0.0, f"Created fine-tuning job: {obj['id']}")
        names = f"training file: {obj['training_file']}"
        if obj.get("validation_file"):
            names += f" and validation file: {obj['validation_file']}"
        self._event(rec, 0.0, f"Validating {names}")
        with self.state.lock:
            self.state.jobs[obj["id"]] = rec
        self.state.save()
        return rec

    # events ----------------------------------------------------------------------------------------
    def _stamp(self, rec: JobRecord, at: float) -> int:
        """Wall-clock time at which job-time ``at`` happened (never before the previous event)."""
        now = self.clock.sim()
        behind = max(0.0, rec.elapsed(now) - at) / self.clock.speed
        stamp = int(self.clock.wall() - behind)
        if rec.events:
            stamp = max(stamp, int(rec.events[-1]["created_at"]))
        return max(stamp, int(rec.obj["created_at"]))

    def _event(
        self,
        rec: JobRecord,
        at: float,
        message: str,
        *,
        level: str = "info",
        kind: str = "message",
        data: dict[str, Any] | None = None,
    ) -> None:
        rec.events.append(
            {
                "object": "fine_tuning.job.event",
                "id": new_id("ftevent-"),
                "created_at": self._stamp(rec, at),
                "level": level,
                "message": message,
                "data": data or {},
                "type": kind,
            }
        )

    # lifecycle -------------------------------------------------------------------------------------
    def refresh_all(self) -> None:
        with self.state.lock:
            records = list(self.state.jobs.values())
            changed = [rec for rec in records if self._refresh(rec)]
        if changed:
            self.state.save()

    def refresh(self, rec: JobRecord) -> None:
        with self.state.lock:
            changed = self._refresh(rec)
        if changed:
            self.state.save()

    def _refresh(self, rec: JobRecord) -> bool:
        obj = rec.obj
        if obj["status"] in TERMINAL:
            return False
        before = (obj["status"], len(rec.events))
        now = self.clock.sim()
        t = rec.elapsed(now)
        if obj["status"] == "validating_files" and t >= VALIDATE_SECONDS:
            if rec.invalid:
                self._fail(rec, VALIDATE_SECONDS, rec.invalid)
                return True
            self._event(rec, VALIDATE_SECONDS, "Files validated, moving job to queued state")
            obj["status"] = "queued"
        if obj["status"] == "queued" and t >= VALIDATE_SECONDS + QUEUE_SECONDS:
            self._start_running(rec)
        since = rec.pause_requested
        if obj["status"] == "pausing" and since is not None and now - since >= PAUSING_SECONDS:
            obj["status"] = "paused"
            rec.pause_requested = None
            self._event(rec, t, "Fine-tuning job paused")
        if obj["status"] in {"running", "pausing", "paused"}:
            run = self._run(rec)
            run_t = t - VALIDATE_SECONDS - QUEUE_SECONDS
            for progress in run.poll(run_t):
                self._record_progress(rec, progress)
            if run.finished and obj["status"] == "running":
                self._succeed(rec)
            elif obj["status"] == "running":
                duration = run.duration()
                if duration is not None:
                    remaining = max(0.0, duration - run_t) / self.clock.speed
                    obj["estimated_finish"] = int(self.clock.wall() + remaining) + 1
        return (obj["status"], len(rec.events)) != before

    def _spec(self, rec: JobRecord) -> TrainingSpec:
        obj = rec.obj
        hp = obj["hyperparameters"]
        return TrainingSpec(
            job_id=obj["id"],
            model=obj["model"],
            method=(obj.get("method") or {}).get("type", "supervised"),
            seed=int(obj["seed"]),
            n_epochs=int(hp["n_epochs"]),
            batch_size=int(hp["batch_size"]),
            learning_rate_multiplier=float(hp["learning_rate_multiplier"]),
            n_train=rec.n_train,
            n_valid=rec.n_valid,
        )

    def _resolve_hyperparameters(self, rec: JobRecord) -> None:
        hp = rec.obj["hyperparameters"]
        if hp.get("n_epochs") in (None, "auto"):
            hp["n_epochs"] = default_epochs(rec.n_train)
        if hp.get("batch_size") in (None, "auto"):
            hp["batch_size"] = default_batch_size(rec.n_train)
        if hp.get("learning_rate_multiplier") in (None, "auto"):
            hp["learning_rate_multiplier"] = 1.8 if rec.n_train < 1000 else 1.0
        method = rec.obj.get("method")
        if method and isinstance(method.get(method.get("type", "")), dict):
            inner = method[method["type"]].setdefault("hyperparameters", {})
            for key in ("n_epochs", "batch_size", "learning_rate_multiplier"):
                inner[key] = hp[key]

    def _start_running(self, rec: JobRecord) -> None:
        self._resolve_hyperparameters(rec)
        rec.obj["status"] = "running"
        self._event(rec, VALIDATE_SECONDS + QUEUE_SECONDS, "Fine-tuning job started")

    def _run(self, rec: JobRecord) -> TrainingRun:
        run = self._runs.get(rec.obj["id"])
        if run is None:
            run = self.engine.start(
                self._spec(rec),
                self._rows_cache.get(rec.obj["id"], []),
                self._rows_cache.get(rec.obj["id"] + ":valid", []),
                completed_steps=rec.run_step,
            )
            self._runs[rec.obj["id"]] = run
        return run

    def model_name(self, rec: JobRecord) -> str:
        return f"ft:{base_of(rec.obj['model'])}:{ORG_SLUG}:{rec.suffix}:{rec.model_tag}"

    def _record_progress(self, rec: JobRecord, p: Progress) -> None:
        at = VALIDATE_SECONDS + QUEUE_SECONDS + p.at
        m = p.metrics
        data: dict[str, Any] = {"step": p.step, "total_steps": p.total_steps}
        data.update({k: v for k, v in m.items() if k not in {"step", "total_steps"}})
        text = f"Step {p.step}/{p.total_steps}: training loss={m.get('train_loss', 0.0):.2f}"
        if "valid_loss" in m:
            text += f", validation loss={m['valid_loss']:.2f}"
        if "full_valid_loss" in m:
            text += f", full validation loss={m['full_valid_loss']:.2f}"
        self._event(rec, at, text, kind="metrics", data=data)
        rec.run_step = p.step
        rec.rows.append(
            [
                str(p.step),
                _fmt(m.get("train_loss")),
                _fmt(m.get("train_mean_token_accuracy")),
                _fmt(m.get("valid_loss")),
                _fmt(m.get("valid_mean_token_accuracy")),
            ]
        )
        if not p.epoch_end:
            return
        n_epochs = int(rec.obj["hyperparameters"]["n_epochs"])
        self._event(rec, at, f"Epoch {p.epoch}/{n_epochs} completed")
        if p.epoch > n_epochs - CHECKPOINT_EPOCHS:
            name = f"{self.model_name(rec)}:ckpt-step-{p.step}"
            metrics = {k: v for k, v in m.items() if k != "total_steps"}
            rec.checkpoints.append(
                {
                    "object": "fine_tuning.job.checkpoint",
                    "id": new_id("ftckpt_"),
                    "created_at": self._stamp(rec, at),
                    "fine_tuned_model_checkpoint": name,
                    "fine_tuning_job_id": rec.obj["id"],
                    "metrics": metrics,
                    "step_number": p.step,
                }
            )
            self._event(rec, at, f"Checkpoint created at step {p.step}")

    def _succeed(self, rec: JobRecord) -> None:
        obj = rec.obj
        run = self._runs.get(obj["id"])
        end = VALIDATE_SECONDS + QUEUE_SECONDS + ((run.duration() if run is not None else None) or 0.0)
        csv = "\n".join([RESULT_HEADER, *(",".join(r) for r in rec.rows)]) + "\n"
        result = {
            "id": new_id("file-"),
            "object": "file",
            "bytes": 0,
            "created_at": self._stamp(rec, end),
            "filename": "step_metrics.csv",
            "purpose": "fine-tune-results",
            "status": "processed",
        }
        blob = base64.b64encode(csv.encode("utf-8"))
        result["bytes"] = len(blob)
        self.state.put_file(result, blob)
        obj["fine_tuned_model"] = self.model_name(rec)
        self._event(rec, end, f"New fine-tuned model created: {obj['fine_tuned_model']}")
        obj["result_files"] = [result["id"]]
        obj["trained_tokens"] = rec.train_tokens * int(obj["hyperparameters"]["n_epochs"])
        obj["status"] = "succeeded"
        obj["estimated_finish"] = None
        obj["finished_at"] = self._stamp(rec, end)
        self._event(rec, end, "The job has successfully completed")
        rec.stop_timer(self.clock.sim())
        self._runs.pop(obj["id"], None)

    def _fail(self, rec: JobRecord, at: float, error: dict[str, Any]) -> None:
        obj = rec.obj
        obj["error"] = dict(error)
        obj["status"] = "failed"
        obj["finished_at"] = self._stamp(rec, at)
        obj["estimated_finish"] = None
        self._event(rec, at, error["message"], level="error")
        rec.stop_timer(self.clock.sim())

    # user actions ----------------------------------------------------------------------------------
    def cancel(self, rec: JobRecord) -> None:
        with self.state.lock:
            self._refresh(rec)
            obj = rec.obj
            if obj["status"] in TERMINAL:
                return
            now = self.clock.sim()
            t = rec.elapsed(now)
            run = self._runs.pop(obj["id"], None)
            if run is not None:
                run.cancel()
            obj["status"] = "cancelled"
            obj["finished_at"] = self._stamp(rec, t)
            obj["estimated_finish"] = None
            rec.stop_timer(now)
            self._event(rec, t, "Fine-tuning job cancelled")
        self.state.save()

    def pause(self, rec: JobRecord) -> None:
        with self.state.lock:
            self._refresh(rec)
            now = self.clock.sim()
            t = rec.elapsed(now)
            rec.stop_timer(now)
            rec.pause_requested = now
            rec.obj["status"] = "pausing"
            rec.obj["estimated_finish"] = None
            run = self._runs.get(rec.obj["id"])
            if run is not None:
                run.pause()
            self._event(rec, t, "Pausing fine-tuning job")
        self.state.save()

    def resume(self, rec: JobRecord) -> None:
        with self.state.lock:
            self._refresh(rec)
            now = self.clock.sim()
            rec.pause_requested = None
            rec.obj["status"] = "running"
            rec.start_timer(now)
            run = self._runs.get(rec.obj["id"])
            if run is not None:
                run.resume()
            self._event(rec, rec.elapsed(now), "Fine-tuning job resumed")
        self.state.save()

    # models ----------------------------------------------------------------------------------------
    def model_sources(self) -> dict[str, str]:
        """Every fine-tuned model and checkpoint name usable in chat -> its job id."""
        out: dict[str, str] = {}
        with self.state.lock:
            for job_id, rec in self.state.jobs.items():
                for ckpt in rec.checkpoints:
                    out[ckpt["fine_tuned_model_checkpoint"]] = job_id
                if rec.obj.get("fine_tuned_model"):
                    out[rec.obj["fine_tuned_model"]] = job_id
        return out
