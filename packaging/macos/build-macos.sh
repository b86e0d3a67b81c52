#!/usr/bin/env bash
# Build the macOS app and disk image: "dist/Finetune Desktop.app" and
# dist/finetune-desktop-<version>-macos-<arch>.dmg (drag the app onto the Applications link).
#   packaging/macos/build-macos.sh
# Needs: macOS 11+, Python 3.11+ from python.org or Homebrew (python3 on PATH), Xcode command-line tools
# (iconutil, hdiutil, codesign). Builds for this Mac's architecture (arm64 or x86_64); run it on each.
# Optional signing and notarisation (Gatekeeper blocks an unsigned app on first open; users can still
# right-click > Open):
#   CODESIGN_IDENTITY="Developer ID Application: NAME (TEAMID)"  sign the app and the image
#   NOTARY_PROFILE=name   a `xcrun notarytool store-credentials` profile: notarise and staple the .dmg
# Vocabularies as for Linux: ../shared/tiktoken, $FINETUNE_SHARED_DIR/tiktoken, or this Mac's tiktoken
# cache ($TIKTOKEN_CACHE_DIR, else $TMPDIR/data-gym-cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ "$(uname -s)" == Darwin ]] || { echo "error: build-macos.sh runs on macOS only" >&2; exit 1; }

[[ -x .venv/bin/python ]] || python3 -m venv .venv
py=.venv/bin/python
$py -m pip install -q --upgrade pip
$py -m pip install -q -e ".[build]"
version=$($py -c 'from finetune_desktop.core.about import app_version; print(app_version())')
arch=$(uname -m)
echo "== building Finetune Desktop $version for macOS $arch"

# 1. tokenizer vocabularies under tiktoken's cache names
source scripts/find-shared.sh
vocab=build/vocab
rm -rf "$vocab"
sources=()
[[ -n "$shared" ]] && sources+=("$shared/tiktoken")
sources+=("${TIKTOKEN_CACHE_DIR:-${DATA_GYM_CACHE_DIR:-${TMPDIR:-/tmp}/data-gym-cache}}")
for src in "${sources[@]}"; do
  [[ -d "$src" ]] && $py -m finetune_desktop.core.tokens.vocab_cache "$vocab" "$src"
done
for enc in o200k_base cl100k_base; do
  name=$($py -c "from finetune_desktop.core.tokens.vocab_cache import cache_name; print(cache_name('$enc'))")
  [[ -f "$vocab/$name" ]] || { echo "error: no $enc vocabulary in ${sources[*]}" >&2; exit 1; }
done

# 2. icon (.icns from the SVG) and the .app
$py packaging/make_icons.py build/icons >/dev/null
iconutil -c icns build/icons/finetune-desktop.iconset -o build/icons/finetune-desktop.icns
app="dist/Finetune Desktop.app"
rm -rf "$app" dist/finetune-desktop
FINETUNE_VOCAB_DIR="$vocab" FINETUNE_ICON="$PWD/build/icons/finetune-desktop.icns" FINETUNE_VERSION="$version" \
  $py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/finetune-desktop.spec
bin="$app/Contents/MacOS/finetune-desktop"

# 3. the built app must work before it is packed (the login keychain is the keyring here)
"$bin" --version
"$bin" --self-test
"$bin" check "$app/Contents/Resources/resources/samples/micro_fiction_en_zh.jsonl" >/dev/null

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi

# 4. the disk image: the app and a link to /Applications
dmg="dist/finetune-desktop-$version-macos-$arch.dmg"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "Finetune Desktop $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$dmg"
  if [[ -n "${NOTARY_PROFILE:-}" ]]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
  fi
fi
echo "== $dmg ($(du -h "$dmg" | cut -f1))"
