#!/usr/bin/env bash
# One command: install (first time) and open Finetune Desktop. With no key stored it opens on the sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/finetune-desktop "$@"
