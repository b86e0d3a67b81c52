# Sourced by scripts/test.sh and scripts/build-linux.sh: sets $shared to the project's shared folder
# (official OpenAPI spec, offline tokenizer vocabularies) or "" when there is none. It sits beside the
# repository; a clone elsewhere (e.g. in /tmp) finds it beside the repository it was cloned from.
shared=""
origin=$(git config --get remote.origin.url 2>/dev/null || true)
for candidate in "${FINETUNE_SHARED_DIR:-}" ../shared "${origin#file://}/../shared"; do
  if [[ -n "$candidate" && -d "$candidate" ]]; then shared=$(cd "$candidate" && pwd); break; fi
done
