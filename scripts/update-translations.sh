#!/usr/bin/env bash
# Re-extract the GUI's strings into the .ts catalogs and compile them into the .qm files the app loads.
#
#   scripts/update-translations.sh          # lupdate + lrelease (after changing GUI text)
#   scripts/update-translations.sh --release # lrelease only (after translating in Qt Linguist)
#
# Then translate the new entries (pyside6-linguist resources/i18n/finetune_desktop_zh_CN.ts, or edit the
# XML), run this script again and commit both the .ts and the .qm. tests/gui/test_i18n.py fails while a
# GUI string has no translation or a .qm is older than its .ts.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE6_BIN:-.venv/bin}"
LANGUAGES=(zh_CN)

if [[ "${1:-}" != "--release" ]]; then
    mapfile -t SOURCES < <(find finetune_desktop/gui -name '*.py' | LC_ALL=C sort; echo finetune_desktop/app.py)
    for lang in "${LANGUAGES[@]}"; do
        "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en \
            -target-language "$lang" "${SOURCES[@]}" -ts "resources/i18n/finetune_desktop_${lang}.ts"
    done
fi
for lang in "${LANGUAGES[@]}"; do
    "$BIN/pyside6-lrelease" -silent "resources/i18n/finetune_desktop_${lang}.ts" \
        -qm "resources/i18n/finetune_desktop_${lang}.qm"
done
