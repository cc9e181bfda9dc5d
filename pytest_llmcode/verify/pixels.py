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
