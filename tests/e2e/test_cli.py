"""The headless commands as real subprocesses against the in-process sandbox (``--base-url``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from finetune_desktop.cli import main
from finetune_desktop.core.accounts.profiles import Profile, ProfileKind
from finetune_desktop.core.service.service import connect
from finetune_desktop.sandbox import SandboxServer
from tests.e2e.conftest import API_KEY, BASE_MODEL, FAST, LeakWatch, Sandbox, run_cli

FAST_ARGS = ("--retry-delay", "0.02")


def test_train_wait_jobs_watch_chat(
    sandbox: Sandbox,
    datasets: tuple[Path, Path],
    app_home: Path,
    leak_watch: LeakWatch,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    train, valid = datasets
    url = ("--base-url", sandbox.base_url, *FAST_ARGS)
    result = run_cli(
        "train",
        str(train),
        "--validation",
        str(valid),
        "--model",
        BASE_MODEL,
        "--suffix",
        "cli",
        "--epochs",
        "2",
        "--wait",
        "--interval",
        "0.1",
        *url,
        app_home=app_home,
        watch=leak_watch,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    job_id = lines[0]
    assert job_id.startswith("ftjob-")
    assert any(line.startswith("progress: step") for line in lines)
    assert "status: succeeded" in lines
    assert lines[-1].startswith(f"done: {job_id} succeeded; model: ft:{BASE_MODEL}:")
    assert "check: 12 examples, no errors" in result.stderr
    model = lines[-1].rsplit("model: ", 1)[1]

    listed = run_cli("jobs", "--json", *url, app_home=app_home, watch=leak_watch)
    assert listed.returncode == 0, listed.stderr
    jobs = json.loads(listed.stdout)
    assert [j["id"] for j in jobs] == [job_id]
    assert jobs[0]["fine_tuned_model"] == model
    assert jobs[0]["hyperparameters"]["n_epochs"] == 2

    watched = run_cli("watch", job_id, "--interval", "0.1", *url, app_home=app_home, watch=leak_watch)
    assert watched.returncode == 0
    assert "The job has successfully completed" in watched.stdout

    question = "Where does crab family number 3 live?"
    tuned = run_cli("chat", "--model", model, question, *url, app_home=app_home, watch=leak_watch)
    assert tuned.returncode == 0, tuned.stderr
    assert "Clawtown pool 3" in tuned.stdout
    assert "tokens:" in tuned.stderr
    # the base model answers differently (in-process: same command code, no second interpreter start)
    assert main(["chat", "--model", BASE_MODEL, question, *url]) == 0
    base_out = capfd.readouterr().out
    leak_watch.add(base_out)
    assert base_out
    assert "Clawtown pool 3" not in base_out
    assert sandbox.count_jobs() == 1


@pytest.fixture
def slow_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox at real speed, so a job is still running when the cancel command arrives."""
    server = SandboxServer(port=0, speed=1.0, state_dir=tmp_path_factory.mktemp("slow-state"))
    server.start()
    box = Sandbox(server, Path(str(server.state_dir)))
    try:
        yield box
    finally:
        box.http.close()
        server.stop()


def test_upload_cancel_and_watch_a_cancelled_job(
    slow_sandbox: Sandbox,
    datasets: tuple[Path, Path],
    app_home: Path,
    leak_watch: LeakWatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    leak_watch.folders.append(slow_sandbox.state_dir)
    url = ("--base-url", slow_sandbox.base_url, *FAST_ARGS)
    uploaded = run_cli("upload", str(datasets[0]), *url, app_home=app_home, watch=leak_watch)
    assert uploaded.returncode == 0, uploaded.stderr
    file_id = uploaded.stdout.strip()
    assert file_id.startswith("file-")
    assert slow_sandbox.count_files() == 1

    profile = Profile(id="s", name="S", kind=ProfileKind.COMPATIBLE, base_url=slow_sandbox.base_url)
    with connect(profile, API_KEY, policy=FAST) as svc:
        job = svc.create_job(model=BASE_MODEL, training_file=file_id)
    cancelled = run_cli("cancel", job.id, *url, app_home=app_home, watch=leak_watch)
    assert cancelled.returncode == 0, cancelled.stderr
    assert "cancel" in cancelled.stdout

    watched = run_cli("watch", job.id, "--interval", "0.1", *url, app_home=app_home, watch=leak_watch)
    assert watched.returncode == 1
    assert "cancelled" in watched.stderr

    assert main(["jobs", *url]) == 0  # the table, in-process
    table = capfd.readouterr().out
    leak_watch.add(table)
    assert job.id in table
    assert "cancelled" in table


def test_bad_dataset_is_refused_before_anything_is_uploaded(
    sandbox: Sandbox, tmp_path: Path, app_home: Path, leak_watch: LeakWatch
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": [{"role": "user", "content": "hi"}]}\nnot json\n', encoding="utf-8")
    result = run_cli(
        "train",
        str(bad),
        "--model",
        BASE_MODEL,
        "--base-url",
        sandbox.base_url,
        app_home=app_home,
        watch=leak_watch,
    )
    assert result.returncode == 1
    assert "nothing was uploaded" in result.stderr
    assert "line 2" in result.stderr
    assert sandbox.count_files() == 0


def test_server_errors_print_title_what_to_do_and_request_id(
    sandbox: Sandbox, app_home: Path, leak_watch: LeakWatch
) -> None:
    sandbox.fault("kind=500,path=/v1/fine_tuning/jobs")
    result = run_cli(
        "jobs",
        "--base-url",
        sandbox.base_url,
        "--max-retries",
        "1",
        *FAST_ARGS,
        app_home=app_home,
        watch=leak_watch,
    )
    assert result.returncode == 1
    assert "error: The server had an internal problem" in result.stderr
    assert "What to do:" in result.stderr
    assert "Request id: req_" in result.stderr
    assert "retrying in" in result.stderr
    app_log = (app_home / "logs" / "finetune-desktop.log").read_text(encoding="utf-8")
    assert "ServerError" in app_log  # the leak scan reads a real log, not an empty folder
    sandbox.control("DELETE", "/faults")
    revoked = run_cli(
        "jobs", "--base-url", sandbox.base_url, app_home=app_home, watch=leak_watch, key="sk-test-revoked-cli"
    )
    assert revoked.returncode == 1
    assert "did not accept the API key" in revoked.stderr
    assert "sk-test-revoked-cli" not in revoked.stderr


def test_without_any_connection_it_says_how_to_connect(app_home: Path, leak_watch: LeakWatch) -> None:
    result = run_cli("jobs", app_home=app_home, watch=leak_watch, key=None)
    assert result.returncode == 2
    assert "--profile NAME" in result.stderr
    assert "--base-url URL" in result.stderr
    assert "finetune-desktop sandbox" in result.stderr
    unknown = run_cli("jobs", "--profile", "nope", app_home=app_home, watch=leak_watch, key=None)
    assert unknown.returncode == 2
    assert "nope" in unknown.stderr


def test_leak_watch_would_notice_a_leak(tmp_path_factory: pytest.TempPathFactory, app_home: Path) -> None:
    """The scanner itself works: a planted key in a nested file or an output text is found."""
    planted = tmp_path_factory.mktemp("planted")
    watch = LeakWatch(folders=[planted])
    (planted / "deep" / "er").mkdir(parents=True)
    (planted / "deep" / "er" / "x.log").write_text(f"token={API_KEY}\n")
    watch.add("clean", f"oops {API_KEY}")
    found = watch.findings(API_KEY)
    assert any(f.endswith("x.log") for f in found)
    assert "text #1" in found
    # and the app's own log file exists after commands ran, so the per-test scan reads real output
    assert app_home.exists()


def test_profile_from_settings_is_used_by_name(
    sandbox: Sandbox, app_home: Path, leak_watch: LeakWatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from finetune_desktop.core.accounts.profile_store import ProfileStore

    store = ProfileStore()
    store.add(
        Profile(
            id=store.new_id(), name="Local server", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url
        )
    )
    assert main(["jobs", "--json", "--profile", "Local server", *FAST_ARGS]) == 0
    out = capfd.readouterr().out
    leak_watch.add(out)
    assert json.loads(out) == []
    assert sandbox.requests("GET", "/v1/fine_tuning/jobs")
    # the built-in sandbox profile needs the address of a running sandbox
    assert main(["jobs", "--profile", "sandbox"]) == 2
    err = capfd.readouterr().err
    leak_watch.add(err)
    assert "--base-url" in err
    assert main(["jobs", "--profile", "sandbox", "--base-url", sandbox.base_url]) == 0
    leak_watch.add(*capfd.readouterr())


def test_watch_rides_out_a_passing_outage(
    sandbox: Sandbox,
    datasets: tuple[Path, Path],
    leak_watch: LeakWatch,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    profile = Profile(id="w", name="W", kind=ProfileKind.COMPATIBLE, base_url=sandbox.base_url)
    with connect(profile, API_KEY, policy=FAST) as svc:
        job = svc.create_job(model=BASE_MODEL, training_file=svc.upload_file(datasets[0]).id)
    sandbox.fault(f"kind=500,path=/v1/fine_tuning/jobs/{job.id},method=GET,first=3")
    code = main(["watch", job.id, "--interval", "0.05", "--max-retries", "0", "--base-url", sandbox.base_url])
    out, err = capfd.readouterr()
    leak_watch.add(out, err)
    assert code == 0, err
    assert err.count("still watching") == 3
    assert f"done: {job.id} succeeded" in out
