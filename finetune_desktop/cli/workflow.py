"""Headless commands over the service layer: upload, train, jobs, watch, cancel, chat.

Exit codes: 0 success, 1 a failure the command reports (server error, failed or cancelled job, dataset
with errors), 2 a usage problem (bad arguments, no connection set up), 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finetune_desktop.cli import Command
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind

if TYPE_CHECKING:  # the service layer pulls in the openai SDK: imported only when a command runs
    from finetune_desktop.core.api.errors import ServiceError
    from finetune_desktop.core.api.records import Job, JobEvent
    from finetune_desktop.core.catalog.models import Catalog
    from finetune_desktop.core.jobs.store import JobStore, StoredJob
    from finetune_desktop.core.service.retry import RetryNotice
    from finetune_desktop.core.service.service import FineTuningService

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

HOW_TO_CONNECT = """\
error: no connection to a fine-tuning server is set up.
Connect in one of these ways:
  --profile NAME        use a connection profile from the app's Settings (its key comes from the keyring)
  --base-url URL        any OpenAI-compatible server, e.g. a local sandbox (key from OPENAI_API_KEY, optional)
  OPENAI_API_KEY=...    talk to api.openai.com with that key
To try everything without an account, start the local sandbox in another terminal:
  finetune-desktop sandbox --speed 50
and pass the address it prints:  --base-url http://127.0.0.1:PORT/v1"""


class UsageError(Exception):
    """A problem with how the command was called; printed as is, exit code 2."""


# connection ----------------------------------------------------------------------------------------------
def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument("--profile", metavar="NAME", help="connection profile (name or id) from Settings")
    group.add_argument(
        "--base-url", metavar="URL", help="server address ending in /v1 (e.g. the sandbox's); key optional"
    )
    group.add_argument(
        "--max-retries", type=int, default=3, metavar="N", help="retries per request (default 3)"
    )
    # Tests shorten the backoff; not worth a line in --help.
    group.add_argument("--retry-delay", type=float, default=0.5, help=argparse.SUPPRESS)


def _resolve(args: argparse.Namespace) -> tuple[Profile, str | None]:
    from finetune_desktop.core.accounts.connection import MissingKeyError, resolve_connection
    from finetune_desktop.core.accounts.keystore import KeyStore
    from finetune_desktop.core.accounts.profile_store import ProfileNotFound, ProfileStore

    env_key = os.environ.get("OPENAI_API_KEY") or None
    if args.profile:
        store = ProfileStore()
        try:
            profile, key = resolve_connection(store, KeyStore(), args.profile, require_key=not args.base_url)
        except ProfileNotFound as exc:
            names = ", ".join(p.name for p in store.list())
            raise UsageError(f"error: {exc} Known profiles: {names}.") from None
        except MissingKeyError as exc:
            raise UsageError(f"error: {exc}") from None
        if profile.kind is ProfileKind.SANDBOX and not args.base_url:
            raise UsageError(
                "error: the sandbox profile needs a running sandbox. Start one with "
                "`finetune-desktop sandbox` and pass the address it prints with --base-url."
            )
        return profile, key
    if args.base_url:
        return Profile(
            id="cli", name=args.base_url, kind=ProfileKind.COMPATIBLE, base_url=args.base_url
        ), env_key
    if env_key:
        from finetune_desktop.core.accounts.profile_store import environment_profile

        return environment_profile(os.environ), env_key
    # The active profile from Settings, when it is a real connection with its key.
    try:
        active, key = resolve_connection(ProfileStore(), KeyStore(), require_key=False)
    except Exception:  # noqa: BLE001 - no usable stored connection: explain how to connect
        raise UsageError(HOW_TO_CONNECT) from None
    if active.kind is ProfileKind.SANDBOX or (active.needs_key and not key):
        raise UsageError(HOW_TO_CONNECT)
    return active, key


def open_service(args: argparse.Namespace) -> FineTuningService:
    from finetune_desktop.core.service.retry import RetryPolicy
    from finetune_desktop.core.service.service import connect

    profile, key = _resolve(args)

    def on_retry(n: RetryNotice) -> None:
        print(
            f"  ({n.error.title.lower()}; retrying in {n.delay:.1f} s, attempt {n.attempt + 1})",
            file=sys.stderr,
            flush=True,
        )

    policy = RetryPolicy(
        max_retries=max(0, args.max_retries), initial_delay=args.retry_delay, on_retry=on_retry
    )
    return connect(profile, key, base_url_override=args.base_url if args.profile else None, policy=policy)


def print_error(err: ServiceError) -> None:
    lines = [f"error: {err.title}"]
    if err.detail:
        lines.append(f"  Server said: {err.detail}")
    lines.append(f"  What to do: {err.what_to_do}")
    if err.request_id:
        lines.append(f"  Request id: {err.request_id}")
    if err.status:
        lines.append(f"  HTTP status: {err.status}")
    print("\n".join(lines), file=sys.stderr, flush=True)


def _guarded(body: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Common wrapper: log file, usage errors -> 2, ServiceError -> 1, Ctrl-C -> 130."""

    def run(args: argparse.Namespace) -> int:
        from finetune_desktop.core.api.errors import ServiceError

        try:
            from finetune_desktop.core.logging_setup import setup_logging

            setup_logging()
        except (ImportError, OSError):
            pass
        try:
            return body(args)
        except UsageError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_USAGE
        except ServiceError as err:
            log.info("command %s failed: %r", args.command, err)
            print_error(err)
            return EXIT_FAIL
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        except BrokenPipeError:  # output piped into `head` and the like
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK

    return run


# output helpers -------------------------------------------------------------------------------------
def _time(ts: int) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%H:%M:%S") if ts else "--:--:--"


def _job_line(job: Job) -> str:
    model = job.fine_tuned_model or "-"
    created = dt.datetime.fromtimestamp(job.created_at).strftime("%Y-%m-%d %H:%M") if job.created_at else "-"
    return f"{job.id:<32} {job.status_label:<17} {job.model:<28} {created:<17} {model}"


def _job_json(job: Job) -> dict[str, Any]:
    from finetune_desktop.core.jobs.store import job_to_record

    return {**job_to_record(job), "status": job.status_label}


def _event_line(event: JobEvent) -> str:
    level = "" if event.level == "info" else f"[{event.level}] "
    return f"{_time(event.created_at)}  {level}{event.message}"


def _progress_line(event: JobEvent) -> str | None:
    step = event.data.get("step")
    total = event.data.get("total_steps")
    if not isinstance(step, int | float):
        return None
    parts = [f"step {int(step)}" + (f"/{int(total)} ({100 * step / total:.0f}%)" if total else "")]
    for key in ("train_loss", "valid_loss", "full_valid_loss"):
        value = event.data.get(key)
        if isinstance(value, int | float):
            parts.append(f"{key}={value:.4f}")
    return "progress: " + ", ".join(parts)


def _print_progress(done: int, total: int, name: str) -> None:
    if total and sys.stderr.isatty():
        print(f"\r  uploading {name}: {100 * done // total:3d}% of {total:,} bytes", end="", file=sys.stderr)


def _upload(service: FineTuningService, path: Path, purpose: str = "fine-tune") -> str:
    if not path.is_file():
        raise UsageError(f"error: {path} is not a file. Give the path of a .jsonl training file.")
    info = service.upload_file(path, purpose, progress=lambda d, t: _print_progress(d, t, path.name))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return info.id


# follow ---------------------------------------------------------------------------------------------
def store_key(service: FineTuningService) -> str:
    """The name of this connection in the local job history: the profile's id, or the address."""
    return f"url:{service.base_url}" if service.profile.id == "cli" else service.profile.id


def _open_store() -> JobStore | None:
    """The local job history; a watch still works (unrecorded) when the file cannot be used."""
    from finetune_desktop.core.jobs.store import JobStore, StoreError

    try:
        return JobStore()
    except (StoreError, OSError) as exc:
        print(f"  (job history not recorded: {exc})", file=sys.stderr, flush=True)
        return None


def follow(service: FineTuningService, job_id: str, *, interval: float) -> int:
    """Print new events and a progress line until the job ends; exit code from its final status.

    The core watcher polls and records into the local job history; a poll that fails with a passing
    problem (connection, server busy) is reported and the watch goes on: the job runs on the server
    regardless of this terminal.
    """
    from finetune_desktop.core.jobs.update import JobUpdate
    from finetune_desktop.core.jobs.watcher import JobWatcher
    from finetune_desktop.core.jobs.watcher import follow as watch_job

    last_status: list[str | None] = [None]
    last_progress: list[str | None] = [None]

    def on_update(update: JobUpdate) -> None:
        progress: str | None = None
        for event in update.events:
            print(_event_line(event), flush=True)
            if event.is_metrics:
                progress = _progress_line(event) or progress
        if progress and progress != last_progress[0]:  # one progress line per poll, not one per step
            print(progress, flush=True)
            last_progress[0] = progress
        if update.job.status_label != last_status[0]:
            print(f"status: {update.job.status_label}", flush=True)
            last_status[0] = update.job.status_label

    def on_problem(err: ServiceError) -> None:
        print(f"  ({err.title.lower()}; still watching)", file=sys.stderr, flush=True)

    store = _open_store()
    try:
        watcher = JobWatcher(service, store, store_key(service))
        if store is not None:  # what this computer already recorded, then only what is new
            for event in store.events(watcher.store_key, job_id):
                print(_event_line(event), flush=True)
        job = watch_job(watcher, job_id, interval=interval, on_update=on_update, on_problem=on_problem)
        return _finish(job)
    except KeyboardInterrupt:
        print(
            f"\nstopped watching; the job keeps running. Watch it again: finetune-desktop watch {job_id}",
            file=sys.stderr,
        )
        raise
    finally:
        if store is not None:
            store.close()


def _finish(job: Job) -> int:
    from finetune_desktop.core.api.records import JobStatus

    if job.status is JobStatus.SUCCEEDED:
        print(f"done: {job.id} succeeded; model: {job.fine_tuned_model}", flush=True)
        return EXIT_OK
    if job.status is JobStatus.FAILED:
        reason = f" ({job.error.code}: {job.error.message})" if job.error else ""
        print(f"error: job {job.id} failed{reason}", file=sys.stderr, flush=True)
        return EXIT_FAIL
    print(f"job {job.id} was cancelled", file=sys.stderr, flush=True)
    return EXIT_FAIL


# commands -------------------------------------------------------------------------------------------
def _add_upload(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="the .jsonl file to upload")
    p.add_argument("--purpose", default="fine-tune", help="file purpose (default: fine-tune)")
    add_connection_arguments(p)


@_guarded
def _run_upload(args: argparse.Namespace) -> int:
    with open_service(args) as service:
        print(_upload(service, args.file, args.purpose))
    return EXIT_OK


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _add_train(p: argparse.ArgumentParser) -> None:
    p.add_argument("train", type=Path, metavar="TRAIN.jsonl", help="training file")
    p.add_argument("--model", required=True, help="base model, e.g. gpt-4.1-mini-2025-04-14")
    p.add_argument("--validation", type=Path, metavar="V.jsonl", help="validation file")
    p.add_argument("--epochs", type=_positive_int, help="number of epochs (default: the server decides)")
    p.add_argument("--suffix", help="up to 64 characters added to the fine-tuned model's name")
    p.add_argument("--method", choices=("supervised", "dpo"), default="supervised", help="training method")
    p.add_argument("--seed", type=int, help="seed for reproducible training")
    p.add_argument(
        "--wait", action="store_true", help="follow the job to its end, printing events and progress"
    )
    p.add_argument("--no-check", action="store_true", help="skip the local dataset check (not recommended)")
    p.add_argument(
        "--interval", type=float, default=5.0, help="seconds between polls with --wait (default 5)"
    )
    add_connection_arguments(p)


def _check_catalog(service: FineTuningService, model: str) -> Catalog:
    """The price catalog, plus ``model`` when the server trains it on this computer but the catalog does
    not list it (a model folder or ``.gguf`` file given to the built-in server's local engine)."""
    from finetune_desktop.core.catalog.models import load_catalog, local_model_info

    catalog = load_catalog()
    if catalog.get(model) is not None:
        return catalog
    try:
        offered = service.list_models()
    except Exception:  # noqa: BLE001 - the check then names the catalog's models, as it always did
        return catalog
    if any(m.id == model and m.local for m in offered):
        note = "a base model of the built-in server's local engine"
        return catalog.with_model(local_model_info(model, note))
    return catalog


def _check(args: argparse.Namespace, service: FineTuningService) -> bool:
    """Run the local check; print errors and return False when the dataset would be refused."""
    from finetune_desktop.core.check.run import run_check

    try:
        report = run_check(
            args.train,
            validation_path=args.validation,
            model=args.model,
            epochs=args.epochs,
            catalog=_check_catalog(service, args.model),
        )
    except Exception as exc:  # noqa: BLE001 - unreadable file / unknown model: explain and refuse
        print(f"error: the dataset check could not run: {exc}", file=sys.stderr)
        print("  Fix the file or model name, or pass --no-check to skip the check.", file=sys.stderr)
        return False
    if report.errors:
        print(
            f"error: {args.train} has {report.error_count} problem(s) the server would refuse; nothing was "
            "uploaded. Fix them (finetune-desktop check shows all) and run again:",
            file=sys.stderr,
        )
        for f in report.errors[:20]:
            where = ", ".join(
                x for x in (f.file and Path(f.file).name, f.line and f"line {f.line}", f.path) if x
            )
            print(f"  {where}: {f.message}" + (f" — {f.fix}" if f.fix else ""), file=sys.stderr)
        if report.error_count > 20:
            print(f"  ... and {report.error_count - 20} more", file=sys.stderr)
        return False
    warn = f", {report.warning_count} warning(s)" if report.warning_count else ""
    print(f"check: {report.examples} examples, no errors{warn}", file=sys.stderr)
    return True


@_guarded
def _run_train(args: argparse.Namespace) -> int:
    for path in (args.train, args.validation):
        if path is not None and not path.is_file():
            raise UsageError(f"error: {path} is not a file.")
    with open_service(args) as service:
        if not args.no_check and not _check(args, service):
            return EXIT_FAIL
        train_id = _upload(service, args.train)
        print(f"uploaded {args.train.name}: {train_id}", file=sys.stderr)
        valid_id = None
        if args.validation is not None:
            valid_id = _upload(service, args.validation)
            print(f"uploaded {args.validation.name}: {valid_id}", file=sys.stderr)
        from finetune_desktop.core.api.records import Hyperparameters, JobRequest

        request = JobRequest(
            model=args.model,
            training_file=train_id,
            validation_file=valid_id,
            method=args.method,
            hyperparameters=Hyperparameters(n_epochs=args.epochs or "auto"),
            suffix=args.suffix,
            seed=args.seed,
        )
        job = service.create_job(request)
        print(job.id, flush=True)
        print(f"created job {job.id} ({job.status_label})", file=sys.stderr, flush=True)
        if args.wait:
            return follow(service, job.id, interval=args.interval)
    return EXIT_OK


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=_positive_int, help="only the newest N jobs")
    p.add_argument(
        "--offline",
        action="store_true",
        help="list the jobs recorded on this computer for the connection, without contacting the server",
    )
    add_connection_arguments(p)


def _offline_key(args: argparse.Namespace) -> str:
    """The connection's name in the job history, found without a key or the network."""
    from finetune_desktop.core.accounts.keystore import ENVIRONMENT_PROFILE_ID
    from finetune_desktop.core.accounts.profile_store import ProfileNotFound, ProfileStore

    if args.profile:
        store = ProfileStore()
        try:
            return store.get(args.profile).id
        except ProfileNotFound as exc:
            names = ", ".join(p.name for p in store.list())
            raise UsageError(f"error: {exc} Known profiles: {names}.") from None
    if args.base_url:
        return f"url:{args.base_url}"
    if os.environ.get("OPENAI_API_KEY"):
        return ENVIRONMENT_PROFILE_ID
    return ProfileStore().active_id


def _stored_jobs(key: str) -> list[StoredJob]:
    from finetune_desktop.core.jobs.store import JobStore, StoreError

    try:
        with JobStore() as store:
            return store.jobs(key)
    except StoreError as exc:
        raise UsageError(f"error: {exc}") from None


@_guarded
def _run_jobs(args: argparse.Namespace) -> int:
    if args.offline:
        stored = _stored_jobs(_offline_key(args))[: args.limit]
        jobs = [s.job for s in stored]
        if args.json:
            print(
                json.dumps([{**_job_json(s.job), "metrics_count": s.metrics_count} for s in stored], indent=2)
            )
            return EXIT_OK
    else:
        with open_service(args) as service:
            jobs = service.list_jobs(limit=args.limit)
            store = _open_store()
            if store is not None:
                with store:
                    store.save_jobs(store_key(service), jobs)
        if args.json:
            print(json.dumps([_job_json(j) for j in jobs], indent=2))
            return EXIT_OK
    if not jobs:
        print("no jobs recorded on this computer for this connection" if args.offline else "no jobs yet")
        return EXIT_OK
    print(f"{'JOB':<32} {'STATUS':<17} {'BASE MODEL':<28} {'CREATED':<17} FINE-TUNED MODEL")
    for job in jobs:
        print(_job_line(job))
    return EXIT_OK


def _add_watch(p: argparse.ArgumentParser) -> None:
    p.add_argument("job_id", metavar="JOB_ID")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between polls (default 5)")
    add_connection_arguments(p)


@_guarded
def _run_watch(args: argparse.Namespace) -> int:
    with open_service(args) as service:
        return follow(service, args.job_id, interval=args.interval)


def _add_cancel(p: argparse.ArgumentParser) -> None:
    p.add_argument("job_id", metavar="JOB_ID")
    add_connection_arguments(p)


@_guarded
def _run_cancel(args: argparse.Namespace) -> int:
    with open_service(args) as service:
        job = service.get_job(args.job_id)
        if job.status.is_terminal:
            print(f"job {job.id} has already ended ({job.status_label}); nothing to cancel")
            return EXIT_OK
        job = service.cancel_job(args.job_id)
    print(f"job {job.id}: {job.status_label}")
    return EXIT_OK


def _add_chat(p: argparse.ArgumentParser) -> None:
    p.add_argument("prompt", help="what to ask")
    p.add_argument("--model", required=True, help="base model or fine-tuned model (ft:...)")
    p.add_argument("--system", help="system message")
    p.add_argument("--max-tokens", type=_positive_int, help="longest answer in tokens")
    add_connection_arguments(p)


@_guarded
def _run_chat(args: argparse.Namespace) -> int:
    messages: list[dict[str, str]] = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": args.prompt})
    usage = None
    with open_service(args) as service:
        for chunk in service.chat(args.model, messages, max_tokens=args.max_tokens):
            if chunk.text:
                print(chunk.text, end="", flush=True)
            usage = chunk.usage or usage
    print(flush=True)
    if usage is not None:
        print(
            f"tokens: {usage.prompt_tokens} prompt + {usage.completion_tokens} answer = {usage.total_tokens}",
            file=sys.stderr,
        )
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "upload": ("Upload a training or validation file.", _add_upload, _run_upload),
    "train": ("Check, upload and start a fine-tuning job (--wait follows it).", _add_train, _run_train),
    "jobs": ("List fine-tuning jobs.", _add_jobs, _run_jobs),
    "watch": ("Follow a job to its end, printing events and progress.", _add_watch, _run_watch),
    "cancel": ("Cancel a fine-tuning job.", _add_cancel, _run_cancel),
    "chat": ("Ask a model (base or fine-tuned) and stream the answer.", _add_chat, _run_chat),
}
