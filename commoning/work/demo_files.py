"""Files of the demo data, made in code (no binary files in the tree, no imaging library): a
small PNG drawing of the press frame, and a one-page PDF of its cut list."""

import struct
import zlib

WIDTH, HEIGHT = 48, 32


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def _pixel_dark(x: int, y: int) -> bool:
    """A frame drawn in lines: its outline, a cross member, and the two posts."""
    outline = x in (2, WIDTH - 3) or y in (2, HEIGHT - 3)
    inside = 2 <= x <= WIDTH - 3 and 2 <= y <= HEIGHT - 3
    return inside and (outline or y == HEIGHT // 2 or x in (WIDTH // 3, 2 * WIDTH // 3))


def frame_drawing_png() -> bytes:
    """A 48 by 32 greyscale PNG: dark lines on white."""
    rows = b"".join(
        b"\x00" + bytes(0 if _pixel_dark(x, y) else 255 for x in range(WIDTH))
        for y in range(HEIGHT)
    )
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b""))


def cut_list_pdf() -> bytes:
    """A one-page PDF listing the steel to cut (text only, offsets computed, so it opens)."""
    text = b"BT /F1 12 Tf 40 760 Td (Cut list: 4 x 80 cm angle, 2 x 60 cm flat bar) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out
