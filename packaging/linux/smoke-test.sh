#!/usr/bin/env bash
# Smoke-test the built .deb, not the source tree: unpack it into a scratch root, validate the desktop
# entry, then run the installed command with an empty home folder and no tiktoken cache of its own:
#   --version, --self-test (under dbus-run-session with an unlocked gnome-keyring, and without any
#   network when `unshare -n` is allowed), and `check` on the bundled sample, in worker processes too.
#   packaging/linux/smoke-test.sh dist/finetune-desktop_<version>_<arch>.deb
set -euo pipefail
deb=${1:?usage: smoke-test.sh PACKAGE.deb}
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root="$scratch/root"
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

# What the checks need on a fresh Debian/Ubuntu machine (the app itself needs none of it).
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v dbus-run-session >/dev/null || need+=(dbus)
command -v gnome-keyring-daemon >/dev/null || need+=(gnome-keyring)
if ((${#need[@]})); then
  echo "Installing system packages: ${need[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== package: $(basename "$deb")"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Package\|Version\|Architecture\|Installed-Size\|Depends\): /  \1: /p'
dpkg-deb -x "$deb" "$root"
for f in usr/bin/finetune-desktop opt/finetune-desktop/finetune-desktop \
         usr/share/applications/finetune-desktop.desktop \
         usr/share/icons/hicolor/scalable/apps/finetune-desktop.svg \
         usr/share/icons/hicolor/256x256/apps/finetune-desktop.png usr/share/doc/finetune-desktop/copyright; do
  [[ -e "$root/$f" ]] || fail "/$f is not in the package"
done
[[ -L "$root/usr/bin/finetune-desktop" ]] || fail "/usr/bin/finetune-desktop is not a link into /opt"
# No test code, no GTK stack from the build machine, no QtWebEngine.
if find "$root/opt" \( -name 'libgtk-3*' -o -name 'libQt6WebEngine*' -o -name 'conftest.py' \
     -o -path '*/tests/*' -o -name 'libqgtk3.so' \) | grep -q .; then
  fail "the bundle holds files it must not: $(find "$root/opt" -name 'libgtk-3*' -o -name 'libQt6WebEngine*' -o -name 'libqgtk3.so' | head -3)"
fi

echo "== desktop-file-validate"
desktop-file-validate "$root/usr/share/applications/finetune-desktop.desktop"

# The installed command, as a new user runs it: empty home, no tiktoken cache chosen, no key in the env.
home="$scratch/home"
mkdir -p "$home"
app=("$root/usr/bin/finetune-desktop")
run_clean() {
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    ${DBUS_SESSION_BUS_ADDRESS:+DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"} "$@"
}

echo "== --version"
version=$(run_clean "${app[@]}" --version)
echo "  $version"
[[ "$version" == "finetune-desktop $(dpkg-deb -f "$deb" Version)" ]] || fail "--version says '$version'"

echo "== check on the bundled sample (no network, no cache of its own)"
sample="$root/opt/finetune-desktop/_internal/resources/samples/micro_fiction_en_zh.jsonl"
run_clean FINETUNE_DESKTOP_OFFLINE=1 "${app[@]}" check --json "$sample" > "$scratch/check.json" \
  || fail "check exited $? on the sample"
python3 - "$scratch/check.json" <<'PY' || fail "check's report is not exact"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["examples"] == 24, report["examples"]
assert report["tokens"]["estimated"] is False, "token counts are estimates"
assert not report["errors"], report["errors"]
print(f"  {report['examples']} examples, {report['tokens']['total']} tokens, exact")
PY
echo "== check in worker processes (a file over the parallel threshold)"
big="$scratch/big.jsonl"
for _ in $(seq 450); do cat "$sample"; done > "$big"
run_clean FINETUNE_DESKTOP_OFFLINE=1 "${app[@]}" check --json --workers 2 "$big" > "$scratch/big.json" \
  || fail "check --workers 2 exited $?"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['examples']==24*450 and not r['tokens']['estimated'], r['examples']; print('  %d examples, exact' % r['examples'])" "$scratch/big.json" \
  || fail "check in worker processes gave a wrong report"

echo "== --self-test"
self_test=("${app[@]}" --self-test)
if command -v ip >/dev/null && unshare -n sh -c 'ip link set lo up' 2>/dev/null; then
  echo "  (in a network namespace with only loopback: no network at all)"
  # shellcheck disable=SC2016
  self_test=(unshare -n sh -c 'ip link set lo up && exec "$@"' sh "${self_test[@]}")
fi
run_clean dbus-run-session -- sh -c \
  'echo -n smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh \
  "${self_test[@]}" || fail "--self-test exited $?"
echo "== smoke test passed"
