"""A small, dependency-free SVG chart: one line per series over years, for the cluster report.

Hand-written because a plotting library would be the heaviest dependency of the
project for one chart; the output is deterministic (fixed size, fixed number
formatting), so a report regenerated from the same database is byte-identical.
"""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 160, 30, 40
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f")


def _fmt(v: float) -> str:
    a = abs(v)
    if a >= 1e9:
        return f"{v / 1e9:.3g}bn"
    if a >= 1e6:
        return f"{v / 1e6:.3g}m"
    if a >= 1e4:
        return f"{v / 1e3:.3g}k"
    return f"{v:.3g}"


def line_chart(title: str, series: list[tuple[str, list[tuple[int, float]]]]) -> str:
    """SVG text: each series (label, [(year, value)]) is normalised to its own maximum (0-100%) so
    figures of different units share one axis; the legend gives each series' latest value."""
    years = sorted({y for _, pts in series for y, _ in pts})
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'font-family="sans-serif" font-size="11">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="18" font-size="13" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#444"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#444"/>',
    ]
    for frac in (0.0, 0.5, 1.0):
        y = TOP + plot_h - frac * plot_h
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{int(frac * 100)}%</text>')
    if not years:
        parts.append(f'<text x="{LEFT + 10}" y="{TOP + plot_h / 2:.1f}">no dated figures</text></svg>')
        return "\n".join(parts) + "\n"

    def x_of(year: int) -> float:
        return LEFT + (plot_w / 2 if len(years) == 1 else (years.index(year)) * plot_w / (len(years) - 1))

    for year in years:
        parts.append(f'<text x="{x_of(year):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{year}</text>')
    for i, (label, pts) in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        top = max((abs(v) for _, v in pts), default=0.0) or 1.0
        coords = [(x_of(y), TOP + plot_h - (v / top) * plot_h) for y, v in sorted(pts)]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in coords]
        last = sorted(pts)[-1]
        ly = TOP + 12 + i * 16
        parts.append(f'<rect x="{WIDTH - RIGHT + 10}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 24}" y="{ly + 1}">{escape(label)} ({last[0]}: {_fmt(last[1])})</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
