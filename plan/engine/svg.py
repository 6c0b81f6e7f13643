"""Accessible SVG charts rendered on the server (role="img", <title>, <desc>), no script.

Colour is never the only carrier of meaning: targets are outlined dashed bars, actuals solid
bars, each bar carries its value as text, and the page shows the same numbers in a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Digital Agency design system tokens: blue-900 (actual), sea/gray for targets; all ≥ 4.5:1
# against white for the text drawn beside them.
ACTUAL = "#0031d8"
TARGET = "#4d4d4d"
TEXT = "#1a1a1a"


@dataclass(frozen=True, kw_only=True)
class Series:
    """The numbers of one KPI chart: one label per period, targets and actuals (None = none)."""

    labels: list[str]
    targets: list[float | None]
    actuals: list[float | None]


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _open(*, width: int, height: int, title: str, desc: str, ident: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def kpi_chart(*, series: Series, title: str, desc: str, ident: str, unit: str = "",
              target_label: str = "目標", actual_label: str = "実績") -> str:
    """Grouped bars per period: target (dashed outline) beside actual (solid)."""
    n = max(len(series.labels), 1)
    group, height, top, bottom, left = 90, 220, 30, 40, 10
    width = left * 2 + group * n
    values = [v for v in (*series.targets, *series.actuals) if v is not None and v > 0]
    peak = max(values) if values else 1.0
    scale = (height - top - bottom) / peak
    parts = _open(width=max(width, 260), height=height, title=title, desc=desc, ident=ident)
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" '
                 f'stroke="{TEXT}" stroke-width="1"/>')
    for i, label in enumerate(series.labels):
        x = left + i * group + 10
        for j, (value, is_target) in enumerate(((series.targets[i], True),
                                                (series.actuals[i], False))):
            bx = x + j * 36
            if value is None:
                continue
            h = max(value, 0) * scale
            style = (f'fill="none" stroke="{TARGET}" stroke-width="2" stroke-dasharray="4 3"'
                     if is_target else f'fill="{ACTUAL}"')
            parts.append(f'<rect x="{bx}" y="{base - h:.1f}" width="30" height="{h:.1f}" '
                         f'{style}/>')
            parts.append(f'<text x="{bx + 15}" y="{base - h - 4:.1f}" font-size="10" '
                         f'text-anchor="middle" fill="{TEXT}">{escape(_fmt(value))}</text>')
        parts.append(f'<text x="{x + 33}" y="{base + 16}" font-size="11" text-anchor="middle" '
                     f'fill="{TEXT}">{escape(label)}</text>')
    legend_y = height - 8
    parts.append(f'<rect x="{left}" y="{legend_y - 9}" width="12" height="10" fill="none" '
                 f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{left + 16}" y="{legend_y}" font-size="11" fill="{TEXT}">'
                 f'{escape(target_label)}{escape(" (" + unit + ")" if unit else "")}</text>')
    parts.append(f'<rect x="{left + 110}" y="{legend_y - 9}" width="12" height="10" '
                 f'fill="{ACTUAL}"/>')
    parts.append(f'<text x="{left + 126}" y="{legend_y}" font-size="11" fill="{TEXT}">'
                 f'{escape(actual_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def progress_bars(*, rows: list[tuple[str, float | None]], title: str, desc: str,
                  ident: str) -> str:
    """Horizontal bars of 達成率 (%) per row, capped at 100 % in length, value as text."""
    row_h, label_w, bar_w = 28, 260, 300
    height = row_h * max(len(rows), 1) + 10
    parts = _open(width=label_w + bar_w + 70, height=height, title=title, desc=desc, ident=ident)
    for i, (label, pct) in enumerate(rows):
        y = 5 + i * row_h
        parts.append(f'<text x="0" y="{y + 17}" font-size="12" fill="{TEXT}">'
                     f'{escape(label[:22])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="18" fill="none" '
                     f'stroke="{TARGET}" stroke-width="1"/>')
        if pct is not None:
            length = max(0.0, min(pct, 100.0)) / 100 * bar_w
            parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="18" '
                         f'fill="{ACTUAL}"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 17}" font-size="12" '
                     f'fill="{TEXT}">{"—" if pct is None else f"{pct:.0f}%"}</text>')
    parts.append("</svg>")
    return "".join(parts)
