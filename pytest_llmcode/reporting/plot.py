"""Pass rate against cost per case as an inline SVG: no script, no outside font or file, so it
shows in ``report.html`` opened offline or from a CI artifact, and as a file of its own.

One point per model (filled) with its Wilson 95% interval as a vertical bar and its name beside
it; routing policies, when given, as small hollow squares, numbered, named in a key below.
Hovering a mark shows its figures (an SVG ``<title>``). Each mark carries its numbers as ``data-``
attributes, and each axis tick its value, so a test can check that the picture says what the tables say."""

from __future__ import annotations

import dataclasses
import html
import math
import re

WIDTH, HEIGHT = 560, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 34, 50  # margins: the names of the points go on the right
COLOURS = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#bf3989", "#57606a")


@dataclasses.dataclass(frozen=True)
class Point:
    label: str
    passed: int
    total: int
    cost: float  # per case, USD
    interval: tuple[float, float]
    detail: str  # shown on hover
    policy: bool = False


def _e(value: object) -> str:
    """Text for SVG: escaped, and without control characters (XML has no place for them)."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(value)), quote=True)


class _Scale:
    """Cost per case to x: log10 when the costs spread over a factor of ten or more, else linear."""

    def __init__(self, costs: list[float]) -> None:
        positive = [c for c in costs if c > 0]
        self.log = bool(positive) and len(positive) == len(costs) and max(positive) / min(positive) >= 10
        self.low: float
        self.high: float
        if self.log:
            self.low, self.high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
            if self.low == self.high:
                self.high += 1
        else:
            self.low, self.high = 0.0, _nice(max(costs, default=0.0) * 1.1) or 1.0

    def x(self, cost: float) -> float:
        value = math.log10(cost) if self.log else cost
        return LEFT + (value - self.low) / (self.high - self.low) * (WIDTH - LEFT - RIGHT)

    def ticks(self) -> list[tuple[float, str]]:
        if self.log:
            return [(10.0**k, _money(10.0**k)) for k in range(int(self.low), int(self.high) + 1)]
        step = self.high / 4
        return [(step * i, _money(step * i)) for i in range(5)]


def _nice(value: float) -> float:
    if value <= 0:
        return 0.0
    magnitude = 10.0 ** math.floor(math.log10(value))
    return float(next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= value))


def _money(value: float) -> str:
    """A tick's dollars in plain decimals: $0, $0.00001, $0.25, $10."""
    if value <= 0:
        return "$0"
    if value >= 1:
        return f"${value:,.4g}"
    return f"${value:.{-math.floor(math.log10(value)) + 1}f}".rstrip("0").rstrip(".")


def _y(rate: float) -> float:
    return TOP + (1 - rate) * (HEIGHT - TOP - BOTTOM)


def svg(points: list[Point], title: str, ident: str) -> str:
    """The picture of ``points``; ``ident`` makes its element ids unique in a page."""
    scale = _Scale([p.cost for p in points])
    height = HEIGHT + 16 * sum(p.policy for p in points)  # a line a policy below the axis: which is which
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' id='{_e(ident)}' class='cost-quality' role='img' "
           f"aria-labelledby='{_e(ident)}-title' viewBox='0 0 {WIDTH} {height}' width='{WIDTH}' height='{height}' "
           "font-family='system-ui, sans-serif' font-size='11'>",
           f"<title id='{_e(ident)}-title'>{_e(title)}</title>",
           "<rect width='100%' height='100%' fill='white'/>",  # readable on a dark page too
           f"<text x='{LEFT}' y='18' font-size='13' font-weight='600'>{_e(title)}</text>"]
    for rate in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = _y(rate)
        out.append(f"<line data-tick='{rate:g}' x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y:.1f}' y2='{y:.1f}' "
                   "stroke='#d0d7de'/>"
                   f"<text x='{LEFT - 6}' y='{y + 4:.1f}' text-anchor='end'>{rate:.0%}</text>")
    for cost, text in scale.ticks():
        x = scale.x(cost)
        out.append(f"<line data-cost-tick='{cost:g}' x1='{x:.1f}' x2='{x:.1f}' y1='{TOP}' y2='{HEIGHT - BOTTOM}' "
                   "stroke='#eaeef2'/>"
                   f"<text x='{x:.1f}' y='{HEIGHT - BOTTOM + 16}' text-anchor='middle'>{_e(text)}</text>")
    axis = "cost per case" + (" (log scale)" if scale.log else "")
    if not any(p.cost for p in points):
        axis += ": no cost known"
    out.append(f"<text x='{(LEFT + WIDTH - RIGHT) / 2:.0f}' y='{HEIGHT - 12}' text-anchor='middle'>{_e(axis)}</text>"
               f"<text transform='translate(16 {(TOP + HEIGHT - BOTTOM) / 2:.0f}) rotate(-90)' text-anchor='middle'>"
               "cases that passed every test</text>")
    placed: list[tuple[float, float]] = []  # where the names went: a name that would overlap one moves down
    models = [p for p in points if not p.policy]
    for number, point in enumerate((p for p in points if p.policy), 1):  # under the models' marks
        x, y = scale.x(point.cost), _y(point.passed / point.total)
        out.append(f"<g class='policy' {_data(point)}><title>{_e(point.detail)}</title>"
                   f"<rect x='{x - 3.5:.1f}' y='{y - 3.5:.1f}' width='7' height='7' fill='white' stroke='#57606a'/>"
                   f"<text x='{x - 6:.1f}' y='{y + 4:.1f}' text-anchor='end' fill='#57606a'>{number}</text>"
                   f"<text x='{LEFT}' y='{HEIGHT + 16 * number - 4}' fill='#57606a'>"
                   f"□ {number}: {_e(_short(point.label, 80))}</text>"
                   "</g>")
    for index, point in enumerate(models):
        colour = COLOURS[index % len(COLOURS)]
        x, y = scale.x(point.cost), _y(point.passed / point.total)
        low, high = point.interval
        out.append(f"<g class='model' {_data(point)}><title>{_e(point.detail)}</title>"
                   f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{_y(low):.1f}' y2='{_y(high):.1f}' stroke='{colour}' "
                   "stroke-width='2' opacity='0.5'/>"
                   f"<circle cx='{x:.1f}' cy='{y:.1f}' r='5.5' fill='{colour}'/>"
                   f"{_name(point.label, x, y, colour, placed)}</g>")
    return "".join(out) + "</svg>"


def _data(point: Point) -> str:
    return (f"data-label='{_e(point.label)}' data-passed='{point.passed}' data-cases='{point.total}' "
            f"data-pass-rate='{point.passed / point.total:.4f}' data-cost='{point.cost:.6f}'")


def _short(label: str, limit: int = 24) -> str:
    """Long names lose their middle (``openrouter/…/claude-3-haiku``): their ends tell them apart."""
    if len(label) <= limit:
        return label
    tail = (limit - 1) * 2 // 3
    return label[: limit - 1 - tail] + "…" + label[-tail:]


def _name(label: str, x: float, y: float, colour: str, placed: list[tuple[float, float]]) -> str:
    """The point's name to its right, a line lower for each name already near that spot."""
    y += 4
    while any(abs(px - x) < 110 and abs(py - y) < 12 for px, py in placed):
        y += 12
    placed.append((x, y))
    return f"<text x='{x + 9:.1f}' y='{y:.1f}' fill='{colour}'>{_e(_short(label))}</text>"
