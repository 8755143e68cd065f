#!/usr/bin/env python3
"""Draws the app icons (public/icons/icon-192.png, icon-512.png) with the standard library only: a blue field,
a white ring and a check mark — "service done". Run once; the PNGs are committed."""
import struct
import zlib


def png(size):
    blue, white = (31, 95, 139), (255, 255, 255)
    c = size / 2
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            dx, dy = x + 0.5 - c, y + 0.5 - c
            r = (dx * dx + dy * dy) ** 0.5
            ring = 0.30 * size <= r <= 0.36 * size
            # the check: two thick segments inside the ring
            u, v = (x + 0.5) / size, (y + 0.5) / size
            def near(x1, y1, x2, y2, w=0.035):
                px, py = x2 - x1, y2 - y1
                t = max(0.0, min(1.0, ((u - x1) * px + (v - y1) * py) / (px * px + py * py)))
                qx, qy = x1 + t * px - u, y1 + t * py - v
                return (qx * qx + qy * qy) ** 0.5 <= w
            check = near(0.36, 0.51, 0.46, 0.61) or near(0.46, 0.61, 0.65, 0.40)
            row.extend(white if (ring or check) else blue)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


for size in (192, 512):
    with open(f"public/icons/icon-{size}.png", "wb") as f:
        f.write(png(size))
