"""Draw the app icon with Qt (offscreen) and write the files the package needs.

Run once, when the design changes; the images are committed:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icon.py

Writes resources/icons/app.png (256 px), app.ico (16-256 px, PNG entries, which Windows has read since
Vista) and app.icns (macOS). The design: a blue rounded square with three rising progress bars and a
check mark, simple enough to stay legible at 16 px in a task bar.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

BLUE_TOP = QColor("#2f7fd1")
BLUE_BOTTOM = QColor("#12488a")
BAR = QColor("#ffffff")
CHECK = QColor("#f5c242")


def draw(size: int) -> QImage:
    """The icon at one size, drawn directly (not scaled) so small sizes stay crisp."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16.0
    inset = 0.5 * unit if size >= 32 else 0.0
    frame = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    gradient = QLinearGradient(frame.topLeft(), frame.bottomLeft())
    gradient.setColorAt(0.0, BLUE_TOP)
    gradient.setColorAt(1.0, BLUE_BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(frame, 3.2 * unit, 3.2 * unit)

    # Three rising bars: progress over reporting periods.
    painter.setBrush(BAR)
    baseline = 13.0 * unit
    for index, height in enumerate((3.5, 6.0, 8.5)):
        left = (2.6 + index * 3.4) * unit
        painter.drawRoundedRect(QRectF(left, baseline - height * unit, 2.4 * unit, height * unit),
                                0.5 * unit, 0.5 * unit)

    # A check mark above the bars: commitments met.
    pen = QPen(CHECK, max(1.4, 1.5 * unit))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath(QPointF(2.9 * unit, 5.2 * unit))
    check.lineTo(QPointF(4.9 * unit, 7.0 * unit))
    check.lineTo(QPointF(8.6 * unit, 2.9 * unit))
    painter.drawPath(check)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """A multi-size .ico: the ICONDIR header, one entry per size, then the PNG payloads."""
    payloads = [png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for image, payload in zip(images, payloads, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    return header + entries + b"".join(payloads)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in ICO_SIZES]
    big = images[-1]
    if not big.save(str(ICONS / "app.png"), "PNG"):
        print("could not write app.png", file=sys.stderr)
        return 1
    (ICONS / "app.ico").write_bytes(ico_bytes(images))
    if not draw(512).save(str(ICONS / "app.icns"), "ICNS"):
        print("could not write app.icns (Qt's icns image plugin missing?)", file=sys.stderr)
        return 1
    for name in ("app.png", "app.ico", "app.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
