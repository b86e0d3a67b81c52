"""Fine-tuning job lifecycle, computed lazily whenever a job is looked at.

``validating_files -> queued -> running -> succeeded | failed | cancelled`` (plus ``pausing``/``paused``).
The job manager runs nothing itself: :meth:`JobManager.refresh` works out from the clock and the engine's
run what has happened since the last look, emits those events (stamped with the time they happened) and
saves, so the server never blocks and a job moves even if nobody polls it for a while. A run is started
outside the state lock, from the job's stored files, so it also (re)starts after a server restart.
"""

from __future__ import annotations

import base64
import threading
from typing import Any

from finetune_desktop.core.catalog.model_names import base_model
from finetune_desktop.core.catalog.pricing import default_epochs
from finetune_desktop.sandbox.clock import SimClock
from finetune_desktop.sandbox.dataset_check import check_file
from finetune_desktop.sandbox.engine import (
    ChatTarget,
    FailedRun,
    Note,
    Progress,
    RunFailure,
    TrainingEngine,
    TrainingRun,
    TrainingSpec,
    default_batch_size,
)
from finetune_desktop.sandbox.engines.simulated import PAUSING_SECONDS, SimulatedEngine
from finetune_desktop.sandbox.state import JobRecord, SandboxState, new_id

ORG_ID = "org-sandbox"
TERMINAL = frozenset({"succeeded", "failed", "cancelled"})
RESULT_HEADER = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy"
#: The job lists the checkpoints of this many final epochs (as the real service does).
CHECKPOINT_EPOCHS = 3
RUN_STATUSES = frozenset({"running", "pausing", "paused"})


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
        #: held while runs are started (never together with a wait on the state lock inside it)
        self._start_lock = threading.Lock()

    @property
    def validate_seconds(self) -> float:
        return float(self.engine.validate_seconds)

    @property
    def run_offset(self) -> float:
        """Job time at which training starts (validation plus queue)."""
        return float(self.engine.validate_seconds + self.engine.queue_seconds)

    def forget(self) -> None:
        """Cancel every run and drop cached rows (after a reset of the store)."""
        with self._start_lock, self.state.lock:
            runs = list(self._runs.values())
            self._runs.clear()
            self._rows_cache.clear()
        for run in runs:
            run.cancel()
        self.engine.forget()

    def close(self) -> None:
        """Stop the engine's runs (the server is stopping); a restart carries them on."""
        with self._start_lock, self.state.lock:
            self._runs.clear()
        self.engine.close()

    def rows(self, file_id: str) -> list[Any]:
        """The parsed rows of a stored file (cached; rebuilt from the stored bytes after a restart)."""
        with self.state.lock:
            cached = self._rows_cache.get(file_id)
            data = None if cached is not None else self.state.blobs.get(file_id, b"")
        if cached is not None:
            return cached
        rows = check_file(data or b"", param="training_file").rows
        with self.state.lock:
            self._rows_cache[file_id] = rows
        return rows

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
        with self.state.lock:
            self._rows_cache[obj["training_file"]] = train_rows
            if obj.get("validation_file"):
                self._rows_cache[obj["validation_file"]] = valid_rows
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
    def _stamp(self, rec: JobRecord, at: float | None) -> int:
        """Wall-clock time at which job-time ``at`` (None: now) happened (never before the previous event)."""
        now = self.clock.sim()
        behind = 0.0 if at is None else max(0.0, rec.elapsed(now) - at) / self.clock.speed
        stamp = int(self.clock.wall() - behind)
        if rec.events:
            stamp = max(stamp, int(rec.events[-1]["created_at"]))
        return max(stamp, int(rec.obj["created_at"]))

    def _event(
        self,
        rec: JobRecord,
        at: float | None,
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
        self._refresh_records(records)

    def refresh(self, rec: JobRecord) -> None:
        self._refresh_records([rec])

    def _refresh_records(self, records: list[JobRecord]) -> None:
        self._ensure_runs(records)
        with self.state.lock:
            changed = [rec for rec in records if self._refresh(rec)]
        if changed and self._ensure_runs(changed):  # a job that just started gets its run at once
            with self.state.lock:
                for rec in changed:
                    self._refresh(rec)
        if changed:
            self.state.save()

    def _ensure_runs(self, records: list[JobRecord]) -> bool:
        """Start a run for every running job that has none, outside the state lock; True if any started."""
        with self.state.lock:
            needed = [
                (rec, self._spec(rec), rec.run_step)
                for rec in records
                if rec.obj["status"] == "running" and rec.obj["id"] not in self._runs
            ]
        if not needed:
            return False
        with self._start_lock:
            for rec, spec, done in needed:
                if spec.job_id in self._runs:
                    continue
                training = self.rows(rec.obj["training_file"])
                valid_id = rec.obj.get("validation_file")
                validation = self.rows(valid_id) if valid_id else []
                try:
                    run: TrainingRun = self.engine.start(spec, training, validation, completed_steps=done)
                except OSError as exc:  # e.g. a full disk or an unwritable state folder
                    run = FailedRun(
                        spec, RunFailure("internal_error", f"The training could not start: {exc}")
                    )
                with self.state.lock:
                    self._runs[spec.job_id] = run
        return True

    def _refresh(self, rec: JobRecord) -> bool:
        obj = rec.obj
        if obj["status"] in TERMINAL:
            return False
        before = (obj["status"], len(rec.events))
        now = self.clock.sim()
        t = rec.elapsed(now)
        validate, offset = self.validate_seconds, self.run_offset
        if obj["status"] == "validating_files" and t >= validate:
            if rec.invalid:
                self._fail(rec, validate, rec.invalid)
                return True
            self._event(rec, validate, "Files validated, moving job to queued state")
            obj["status"] = "queued"
        if obj["status"] == "queued" and t >= offset:
            self._start_running(rec)
        if obj["status"] in RUN_STATUSES:
            self._follow_run(rec, now, t - offset)
        return (obj["status"], len(rec.events)) != before

    def _follow_run(self, rec: JobRecord, now: float, run_t: float) -> None:
        obj = rec.obj
        run = self._runs.get(obj["id"])
        if run is not None:
            for note in run.notes():
                if isinstance(note, Note):
                    self._event(rec, None, note.message, data=note.data)
                else:
                    self._event(rec, None, note)
            for progress in run.poll(run_t):
                if progress.step > rec.run_step:  # steps redone after a restart were already reported
                    self._record_progress(rec, progress)
            if run.failure is not None:
                self._fail(rec, None, run.failure.to_json())
                return
        since = rec.pause_requested
        if obj["status"] == "pausing" and since is not None:
            waited = now - since
            if run.paused(waited) if run is not None else waited >= PAUSING_SECONDS:
                obj["status"] = "paused"
                rec.pause_requested = None
                self._event(rec, None, "Fine-tuning job paused")
        if run is None or obj["status"] != "running":
            return
        if run.finished:
            self._succeed(rec, run)
            return
        remaining = run.remaining(run_t)
        if remaining is not None:
            if self.engine.simulated_time:
                remaining /= self.clock.speed
            obj["estimated_finish"] = int(self.clock.wall() + remaining) + 1

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
            workdir=self.state.state_dir / "engine" / obj["id"] if self.state.state_dir else None,
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
        self._event(rec, self.run_offset, "Fine-tuning job started")
        estimate = self.engine.estimate_seconds(self._spec(rec), rec.train_tokens)
        if estimate is not None:
            if self.engine.simulated_time:
                estimate /= self.clock.speed
            rec.obj["estimated_finish"] = int(self.clock.wall() + estimate) + 1

    def model_name(self, rec: JobRecord) -> str:
        return f"ft:{base_of(rec.obj['model'])}:{self.engine.org}:{rec.suffix}:{rec.model_tag}"

    def _record_progress(self, rec: JobRecord, p: Progress) -> None:
        at = None if p.at is None else self.run_offset + p.at
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
        if p.checkpoint is None:
            return
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
        rec.artifacts[name] = p.checkpoint
        for old in rec.checkpoints[:-CHECKPOINT_EPOCHS]:  # the job keeps its last three checkpoints
            rec.artifacts.pop(old["fine_tuned_model_checkpoint"], None)
        del rec.checkpoints[:-CHECKPOINT_EPOCHS]
        self._event(rec, at, f"Checkpoint created at step {p.step}")

    def _succeed(self, rec: JobRecord, run: TrainingRun) -> None:
        obj = rec.obj
        end = None if not self.engine.simulated_time else self.run_offset + (run.remaining(0.0) or 0.0)
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
        if run.result is not None:
            rec.artifacts[obj["fine_tuned_model"]] = run.result
        self._event(rec, end, f"New fine-tuned model created: {obj['fine_tuned_model']}")
        obj["result_files"] = [result["id"]]
        trained = run.trained_tokens
        n_epochs = int(obj["hyperparameters"]["n_epochs"])
        obj["trained_tokens"] = trained if trained is not None else rec.train_tokens * n_epochs
        obj["status"] = "succeeded"
        obj["estimated_finish"] = None
        obj["finished_at"] = self._stamp(rec, end)
        self._event(rec, end, "The job has successfully completed")
        rec.stop_timer(self.clock.sim())
        self._runs.pop(obj["id"], None)

    def _fail(self, rec: JobRecord, at: float | None, error: dict[str, Any]) -> None:
        obj = rec.obj
        self._runs.pop(obj["id"], None)
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
    def chat_target(self, model: str) -> ChatTarget | None:
        """What a chat request for ``model`` talks to: a base model, a fine-tune or a checkpoint."""
        if model in self.engine.base_models():
            return ChatTarget(model=model, base=model)
        job_id = self.model_sources().get(model)
        if job_id is None:
            return None
        with self.state.lock:
            rec = self.state.jobs[job_id]
            artifact = rec.artifacts.get(model)
            training_file = rec.obj["training_file"]
        return ChatTarget(
            model=model,
            base=base_of(model),
            job_id=job_id,
            artifact=artifact,
            training_rows=lambda: self.rows(training_file),
        )

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
