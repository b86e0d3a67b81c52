#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks, then the project into ./.venv.
#   scripts/setup.sh            runtime only
#   scripts/setup.sh --test     runtime + the test extra + the local engine's extra (torch CPU build,
#                               transformers, peft, gguf) + the Secret Service used by the key tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

apt_pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
          libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 fonts-wqy-microhei)
if ((want_test)); then
  apt_pkgs+=(xvfb xauth gnome-keyring dbus imagemagick)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${apt_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

py=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
if ((want_test)); then
  # [local]: the local engine's tests train a tiny model for real (torch==2.13.0, the CPU build).
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,local]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
