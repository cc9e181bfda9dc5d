"""Judge screenshots by their pixels, decoded by the browser itself (no imaging library)."""

from __future__ import annotations

import base64
import dataclasses

from playwright.sync_api import BrowserContext

_STATS = """
async ([a, b]) => {
  const load = async (data) => {
    const blob = await (await fetch('data:image/png;base64,' + data)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  };
  const first = await load(a);
  const counts = new Map();
  for (let i = 0; i < first.length; i += 4) {
    const key = ((first[i] >> 3) << 10) | ((first[i + 1] >> 3) << 5) | (first[i + 2] >> 3);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const pixels = first.length / 4;
  const background = Math.max(...counts.values());
  const colours = [...counts.values()].filter((n) => n >= Math.max(3, pixels * 0.0002)).length;
  let changed = null;
  if (b) {
    const second = await load(b);
    if (second.length === first.length) {
      changed = 0;
      for (let i = 0; i < first.length; i += 4) {
        let d = 0;
        for (let c = 0; c < 3; c += 1) d += Math.abs(first[i + c] - second[i + c]);
        if (d > 24) changed += 1;
      }
      changed /= pixels;
    } else {
      changed = 1;
    }
  }
  return { pixels, foreground: 1 - background / pixels, colours, changed };
}
"""


@dataclasses.dataclass(frozen=True)
class ImageStats:
    pixels: int
    foreground: float  # share of pixels not of the most common colour
    colours: int  # distinct colours (5 bits a channel) covering a visible area
    changed: float | None  # share of pixels that differ from the second image, if one was given


def image_stats(context: BrowserContext, png: bytes, other: bytes | None = None) -> ImageStats:
    """Statistics of a PNG (and its difference from ``other``), computed in a blank page."""
    page = context.new_page()
    try:
        encoded = [base64.b64encode(png).decode(), base64.b64encode(other).decode() if other else None]
        result = page.evaluate(_STATS, encoded)
    finally:
        page.close()
    return ImageStats(int(result["pixels"]), float(result["foreground"]), int(result["colours"]), result["changed"])


_FRAME = """
async (data) => {
  const blob = await (await fetch('data:image/png;base64,' + data)).blob();
  const bitmap = await createImageBitmap(blob);
  const w = bitmap.width, h = bitmap.height;
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const px = ctx.getImageData(0, 0, w, h).data;
  const at = (x, y) => { const i = (y * w + x) * 4; return [px[i], px[i + 1], px[i + 2], px[i + 3]]; };
  const border = [];
  for (let x = 0; x < w; x += 1) { border.push(at(x, 0), at(x, h - 1)); }
  for (let y = 0; y < h; y += 1) { border.push(at(0, y), at(w - 1, y)); }
  const counts = new Map();
  for (const p of border) {
    const key = p.map((c) => c >> 3).join(',');
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const [topKey, topCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  const sample = border.filter((p) => p.map((c) => c >> 3).join(',') === topKey);
  const edge = [0, 1, 2, 3].map((c) => Math.round(sample.reduce((s, p) => s + p[c], 0) / sample.length));
  const near = (p) => [0, 1, 2, 3].reduce((s, c) => s + Math.abs(p[c] - edge[c]), 0) <= 48;
  const run = (fromX, fromY, dx, dy, limit) => {
    let n = 0;
    while (n < limit && near(at(fromX + dx * n, fromY + dy * n))) n += 1;
    return n;
  };
  const rows = [], cols = [];
  for (let k = 1; k < 20; k += 1) { rows.push(Math.floor((h * k) / 20)); cols.push(Math.floor((w * k) / 20)); }
  const margins = {
    left: Math.min(...rows.map((y) => run(0, y, 1, 0, w))),
    right: Math.min(...rows.map((y) => run(w - 1, y, -1, 0, w))),
    top: Math.min(...cols.map((x) => run(x, 0, 0, 1, h))),
    bottom: Math.min(...cols.map((x) => run(x, h - 1, 0, -1, h))),
  };
  return { width: w, height: h, edge, edgeShare: topCount / border.length, margins };
}
"""


@dataclasses.dataclass(frozen=True)
class FrameStats:
    """The frame of an image: the colour along its edges and how far that colour reaches inwards."""

    width: int
    height: int
    edge: tuple[int, int, int, int]  # RGBA of the commonest colour on the outermost pixels
    edge_share: float  # share of the outermost pixels that have it
    margins: dict[str, int]  # left/right/top/bottom: pixels of edge colour before anything else (min over lines)

    def edge_is(self, rgb: tuple[int, int, int], tolerance: int = 30) -> bool:
        return self.edge[3] > 200 and all(abs(a - b) <= tolerance for a, b in zip(self.edge[:3], rgb, strict=True))

    def describe_edge(self) -> str:
        r, g, b, a = self.edge
        return f"#{r:02x}{g:02x}{b:02x}" + (f" (alpha {a})" if a < 255 else "")


def frame_stats(context: BrowserContext, png: bytes) -> FrameStats:
    """:class:`FrameStats` of a PNG, decoded in a blank page of ``context``."""
    page = context.new_page()
    try:
        result = page.evaluate(_FRAME, base64.b64encode(png).decode())
    finally:
        page.close()
    r, g, b, a = (int(c) for c in result["edge"])
    margins = {k: int(v) for k, v in result["margins"].items()}
    return FrameStats(int(result["width"]), int(result["height"]), (r, g, b, a), float(result["edgeShare"]), margins)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's header, or None if ``data`` is not a PNG."""
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
