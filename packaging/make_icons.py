"""Render the app icon (resources/icons/finetune-desktop.svg) into what each installer wants.

    python packaging/make_icons.py OUT_DIR

writes ``OUT_DIR/png/<size>.png`` (16 ... 1024, the Linux hicolor theme), ``OUT_DIR/finetune-desktop.ico``
(Windows: the setup program and the .exe) and ``OUT_DIR/finetune-desktop.iconset/`` (macOS: turn it
into ``.icns`` with ``iconutil -c icns``). Qt draws the SVG, so no other image tool is needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write(__doc__ or "")
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    out = Path(argv[0])
    (out / "png").mkdir(parents=True, exist_ok=True)
    iconset = out / "finetune-desktop.iconset"
    iconset.mkdir(exist_ok=True)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "finetune-desktop.svg"))
    if not renderer.isValid():
        sys.stderr.write("the SVG icon could not be read\n")
        return 1
    images: dict[int, QImage] = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        images[size] = image
        if not image.save(str(out / "png" / f"{size}.png")):
            sys.stderr.write(f"could not write the {size}px PNG\n")
            return 1
    # macOS iconset names: icon_<n>x<n>.png and icon_<n>x<n>@2x.png (twice the pixels).
    for size in (16, 32, 128, 256, 512):
        images[size].save(str(iconset / f"icon_{size}x{size}.png"))
        images[size * 2].save(str(iconset / f"icon_{size}x{size}@2x.png"))
    # Qt's ICO writer stores one image; 256 px is what Windows scales down from for every view.
    if not images[256].save(str(out / "finetune-desktop.ico"), "ICO"):
        sys.stderr.write("could not write the .ico (Qt's ico image plugin is missing)\n")
        return 1
    print(out)  # noqa: T201 - a build tool that reports where it wrote
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
