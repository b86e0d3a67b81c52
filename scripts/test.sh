#!/usr/bin/env bash
# One command: install everything the tests need, then lint, type-check, check the import contracts and
# run the whole test suite (GUI offscreen, keys against a real Secret Service).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/core -x
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"

# The project's shared folder (official OpenAPI spec, offline tokenizer vocabularies): sets $shared.
source scripts/find-shared.sh
if [[ -n "$shared" ]]; then
  export FINETUNE_SHARED_DIR="$shared"
  echo "shared folder: $shared"
else
  echo "WARNING: no shared folder (../shared): contract tests skip and token counts need a download" >&2
fi

# Offline tokenizer vocabularies from the shared folder, under tiktoken's cache names.
export TIKTOKEN_CACHE_DIR="$PWD/.cache/tiktoken"
python -m finetune_desktop.core.tokens.vocab_cache "$TIKTOKEN_CACHE_DIR" "${shared:-../shared}/tiktoken"

export QT_QPA_PLATFORM=offscreen
echo "== ruff";          ruff check finetune_desktop tests benchmarks
echo "== mypy";          mypy
echo "== import-linter"; lint-imports --no-cache
echo "== pytest"
export XDG_DATA_HOME
XDG_DATA_HOME=$(mktemp -d)
exec dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec python -m pytest "$@"' pytest "$@"
