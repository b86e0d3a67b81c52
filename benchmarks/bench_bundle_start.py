"""Start-up of the installed (PyInstaller) app to its first window, against a bare PySide6 window.

Run under an X server, after ``scripts/build-linux.sh``::

    flock /tmp/bench.lock xvfb-run -a -s "-screen 0 1280x800x24" \\
        .venv/bin/python benchmarks/bench_bundle_start.py [--bundle dist/finetune-desktop] [--runs 7]

Both programs are PyInstaller one-folder bundles made by the same PyInstaller from the same Python and
Qt: the app (``--bundle``) and a bare ``QMainWindow`` (built here into ``build/bench-bare`` on first
use). Each run starts a fresh process with an empty home folder (the app's true first start: it copies
the sample, opens it, starts the local server) and the clock stops when the program's top-level window
(found by its WM_CLASS) is mapped on the X server (polled every 5 ms through libX11, the
same for both); the process is then killed. Runs alternate between the two programs; the figure is
the median, and the ratio is app / bare.
The page cache is warm for both (a first start after a reboot is slower for both).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE_TITLE = "Bare PySide6 window"
BARE_SCRIPT = f'''
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("{BARE_TITLE}")
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
'''


class _ClassHint(ctypes.Structure):
    _fields_ = [("res_name", ctypes.c_char_p), ("res_class", ctypes.c_char_p)]


class XWindows:
    """Instance and class names (WM_CLASS) of the viewable top-level windows, read straight from the X server.

    WM_CLASS, not the title: Qt sets titles as UTF-8 ("… — Finetune Desktop"), which XFetchName skips."""

    IS_VIEWABLE = 2

    def __init__(self) -> None:
        name = ctypes.util.find_library("X11")
        if name is None:
            raise SystemExit("libX11 is not installed")
        x = ctypes.cdll.LoadLibrary(name)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XQueryTree.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint),
        ]
        x.XGetClassHint.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        x.XFree.argtypes = [ctypes.c_void_p]
        self.x = x
        self.display = x.XOpenDisplay(None)
        if not self.display:
            raise SystemExit("no X display: run under xvfb-run")
        self.root = x.XDefaultRootWindow(self.display)
        # XWindowAttributes is 136 bytes on x86_64; map_state is the int at offset 92 there.
        self._attrs = ctypes.create_string_buffer(256)

    def viewable_names(self) -> list[str]:
        x, d = self.x, self.display
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        names: list[str] = []
        if not x.XQueryTree(d, self.root, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children),
                            ctypes.byref(count)):
            return names
        try:
            for i in range(count.value):
                win = children[i]
                if not x.XGetWindowAttributes(d, win, self._attrs):
                    continue
                map_state = int.from_bytes(self._attrs.raw[92:96], sys.byteorder)
                if map_state != self.IS_VIEWABLE:
                    continue
                hint = _ClassHint()
                if x.XGetClassHint(d, win, ctypes.byref(hint)):
                    for part in (hint.res_name, hint.res_class):
                        names.append((part or b"").decode("utf-8", "replace"))
        finally:
            if children:
                x.XFree(children)
        return names


def build_bare(out: Path) -> Path:
    exe = out / "dist" / "bare-window" / "bare-window"
    if exe.exists():
        return exe
    out.mkdir(parents=True, exist_ok=True)
    script = out / "bare-window.py"
    script.write_text(BARE_SCRIPT, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--onedir",
         "--name", "bare-window", "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
         "--specpath", str(out), str(script)],
        check=True,
    )
    return exe


def time_to_window(command: list[str], marker: str, screen: XWindows, timeout: float = 60.0) -> float:
    home = Path(tempfile.mkdtemp(prefix="bench-start-"))
    env = {
        # a source run has no bundled vocabularies: give it the checkout's cache (scripts/test.sh fills it)
        **({"TIKTOKEN_CACHE_DIR": str(ROOT / ".cache" / "tiktoken")} if command[0] == sys.executable else {}),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
        "DISPLAY": os.environ["DISPLAY"], "QT_QPA_PLATFORM": "xcb",
    }
    if "XAUTHORITY" in os.environ:
        env["XAUTHORITY"] = os.environ["XAUTHORITY"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if marker in screen.viewable_names():
                return time.perf_counter() - start
            if proc.poll() is not None:
                raise SystemExit(f"{command[0]} exited ({proc.returncode}) before showing a window")
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"{command[0]} showed no window in {timeout:g} s")
            time.sleep(0.005)
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(home, ignore_errors=True)
        time.sleep(0.3)  # let the server forget the window before the next run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "finetune-desktop")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bare-dir", type=Path, default=ROOT / "build" / "bench-bare")
    parser.add_argument(
        "--with-source", action="store_true", help="also time the app run from this checkout's .venv"
    )
    args = parser.parse_args()
    app = args.bundle / "finetune-desktop"
    if not app.exists():
        raise SystemExit(f"{app} not found: run scripts/build-linux.sh first")
    bare = build_bare(args.bare_dir)
    screen = XWindows()
    programs = {
        "bundled app": ([str(app)], "Finetune Desktop"),
        "bare QMainWindow bundle": ([str(bare)], "bare-window"),
    }
    if args.with_source:
        programs["app from source (.venv)"] = (
            [sys.executable, "-m", "finetune_desktop"], "Finetune Desktop"
        )
    for command, marker in programs.values():  # one unmeasured start each: both read from a warm cache
        time_to_window(command, marker, screen)
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, (command, marker) in programs.items():
            times[name].append(time_to_window(command, marker, screen))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:26s} median {medians[name] * 1000:7.0f} ms   runs: "
              + " ".join(f"{v * 1000:.0f}" for v in values))
    ratio = medians["bundled app"] / medians["bare QMainWindow bundle"]
    print(f"ratio app / bare: {ratio:.2f}x (goal: at most 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
