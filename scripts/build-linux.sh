#!/usr/bin/env bash
# Build the Linux installers from this checkout: a PyInstaller one-folder bundle, a .tar.gz of it and a
# .deb. Everything lands in dist/ (build/ holds PyInstaller's work files):
#   dist/finetune-desktop/                                   the bundle (run dist/finetune-desktop/finetune-desktop)
#   dist/finetune-desktop-<version>-linux-<arch>.tar.gz
#   dist/finetune-desktop_<version>_<debian arch>.deb
# The tokenizer vocabularies come from the shared folder (../shared/tiktoken, or FINETUNE_SHARED_DIR) or,
# without one, from this machine's tiktoken cache (TIKTOKEN_CACHE_DIR, else /tmp/data-gym-cache).
# Check the result with packaging/linux/smoke-test.sh. See packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/setup.sh
py=.venv/bin/python
if ! $py -c "import PyInstaller, _pyinstaller_hooks_contrib" 2>/dev/null; then
  $py -m pip install -q --disable-pip-version-check -e ".[build]"
fi
version=$($py -c 'from finetune_desktop.core.about import app_version; print(app_version())')
arch=$(uname -m)
deb_arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
echo "== building Finetune Desktop $version for linux-$arch"

# 1. the tokenizer vocabularies, under tiktoken's cache names, for the bundled cache
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
  if [[ ! -f "$vocab/$name" ]]; then
    echo "error: no $enc vocabulary in ${sources[*]}: the bundle would only estimate token counts." >&2
    echo "Put $enc.tiktoken into ../shared/tiktoken, or run tiktoken.get_encoding('$enc') once online." >&2
    exit 1
  fi
done

# 2. the bundle
icons=build/icons
$py packaging/make_icons.py "$icons" >/dev/null
rm -rf dist/finetune-desktop
FINETUNE_VOCAB_DIR="$vocab" $py -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/finetune-desktop.spec
bundle=dist/finetune-desktop
"$bundle/finetune-desktop" --version

# 3. the .tar.gz: the folder plus the desktop entry and icon for a per-user install
cp packaging/linux/finetune-desktop.desktop "$bundle/"
cp resources/icons/finetune-desktop.svg "$bundle/"
tarball="dist/finetune-desktop-$version-linux-$arch.tar.gz"
tar -C dist --owner=0 --group=0 -czf "$tarball" finetune-desktop

# 4. the .deb: the bundle in /opt, the command on PATH, the menu entry and the icons
root=build/deb
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/doc/finetune-desktop" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$root/opt/finetune-desktop"
rm "$root/opt/finetune-desktop/finetune-desktop.desktop" "$root/opt/finetune-desktop/finetune-desktop.svg"
ln -s ../../opt/finetune-desktop/finetune-desktop "$root/usr/bin/finetune-desktop"
cp packaging/linux/finetune-desktop.desktop "$root/usr/share/applications/"
cp resources/icons/finetune-desktop.svg "$root/usr/share/icons/hicolor/scalable/apps/"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "$icons/png/$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/finetune-desktop.png"
done
sed "s/@VERSION@/$version/" packaging/linux/copyright > "$root/usr/share/doc/finetune-desktop/copyright"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@SIZE@/$installed_kb/" \
  packaging/linux/control > "$root/DEBIAN/control"
find "$root" -type d -exec chmod 0755 {} +
deb="dist/finetune-desktop_${version}_${deb_arch}.deb"
# xz level: 6 (dpkg's default) for releases; CI passes FINETUNE_DEB_XZ_LEVEL=1 (a few MB bigger, 2-3 min less).
dpkg-deb --root-owner-group -Zxz "-z${FINETUNE_DEB_XZ_LEVEL:-6}" --build "$root" "$deb" >/dev/null

end=$(date +%s)
echo "== built in $((end - start)) s"
echo "bundle:  $bundle ($(du -sh "$bundle" | cut -f1) on disk)"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
echo "deb:     $deb ($(du -h "$deb" | cut -f1))"
