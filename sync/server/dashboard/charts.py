"""Charts drawn on the server as inline SVG: no script, no external file.

Both charts plot shares (0 to 1) on a fixed 0–100 % axis, so the target lines sit
at the same height on every page and a bar can be read against them at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

# Colour-blind-safe palette (one colour per level).
COLOURS = ("#0b6e99", "#d97706", "#15803d", "#7c3aed")
TARGET = "#b91c1c"


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def _frame(
    title: str, width: int, height: int, left: int, top: int, plot_w: int, plot_h: int
) -> list[str]:
    """The opening of a chart: its title and the 0–100 % grid."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h * (1 - tick)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#e5e7eb"/><text x="{left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end" class="tick">{tick * 100:.0f}%</text>'
        )
    return parts


def bar_chart(
    bars: Sequence[tuple[str, float]],
    targets: Sequence[float],
    *,
    title: str,
    target_label: str,
    width: int = 560,
    height: int = 260,
) -> Markup:
    """One bar per (label, share), with a dashed line per target share."""
    left, right, top, bottom = 48, 16, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _frame(title, width, height, left, top, plot_w, plot_h)
    slot = plot_w / max(len(bars), 1)
    for index, (label, share) in enumerate(bars):
        share = min(max(share, 0.0), 1.0)
        bar_h = plot_h * share
        x = left + slot * index + slot * 0.2
        y = top + plot_h - bar_h
        colour = COLOURS[index % len(COLOURS)]
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{bar_h:.1f}" '
            f'fill="{colour}"><title>{escape(label)}: {_pct(share)}</title></rect>'
            f'<text x="{x + slot * 0.3:.1f}" y="{max(y - 4, top + 10):.1f}" '
            f'text-anchor="middle" class="value">{_pct(share)}</text>'
            f'<text x="{x + slot * 0.3:.1f}" y="{height - bottom + 18}" '
            f'text-anchor="middle" class="label">{escape(label)}</text>'
        )
    for target in targets:
        y = top + plot_h * (1 - target)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{width - right}" y="{y - 4:.1f}" text-anchor="end" '
            f'class="target">{escape(target_label)} {_pct(target)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    targets: Sequence[float],
    *,
    title: str,
    width: int = 560,
    height: int = 260,
) -> Markup:
    """One line per (name, shares) over the x labels (months), with target lines."""
    left, right, top, bottom = 48, 110, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _frame(title, width, height, left, top, plot_w, plot_h)
    for target in targets:
        y = top + plot_h * (1 - target)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    count = len(labels)
    step = plot_w / max(count - 1, 1)
    # Label at most about eight months so the axis stays legible.
    every = max(1, (count + 7) // 8)
    for index, label in enumerate(labels):
        if index % every == 0 or index == count - 1:
            x = left + step * index if count > 1 else left + plot_w / 2
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'class="label">{escape(label)}</text>'
            )
    for number, (name, shares) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        points = []
        for index, share in enumerate(shares):
            x = left + step * index if count > 1 else left + plot_w / 2
            y = top + plot_h * (1 - min(max(share, 0.0), 1.0))
            points.append(f"{x:.1f},{y:.1f}")
        if len(points) == 1:
            x, y = points[0].split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"/>')
        elif points:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
                f'points="{" ".join(points)}"/>'
            )
        ly = top + 14 + number * 20
        parts.append(
            f'<rect x="{left + plot_w + 12}" y="{ly - 9}" width="12" height="12" '
            f'fill="{colour}"/><text x="{left + plot_w + 30}" y="{ly + 1}" '
            f'class="legend">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def share_and_target_chart(
    labels: Sequence[str],
    shares: Sequence[float | None],
    targets: Sequence[float],
    *,
    title: str,
    share_label: str,
    target_label: str,
    width: int = 560,
    height: int = 260,
) -> Markup:
    """A unit's share per month (a gap where it has none: no learners) and the target
    in force each month as a dashed step line."""
    left, right, top, bottom = 48, 130, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _frame(title, width, height, left, top, plot_w, plot_h)
    count = len(labels)
    slot = plot_w / max(count, 1)

    def y_of(share: float) -> float:
        return top + plot_h * (1 - min(max(share, 0.0), 1.0))

    # The target holds for the whole month: a step from the month's left edge to its right.
    steps = []
    for index, target in enumerate(targets):
        steps.append(f"{left + slot * index:.1f},{y_of(target):.1f}")
        steps.append(f"{left + slot * (index + 1):.1f},{y_of(target):.1f}")
    if steps:
        parts.append(
            f'<polyline fill="none" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="6 4" points="{" ".join(steps)}"/>'
        )
    every = max(1, (count + 7) // 8)
    for index, label in enumerate(labels):
        if index % every == 0 or index == count - 1:
            parts.append(
                f'<text x="{left + slot * (index + 0.5):.1f}" y="{height - bottom + 18}" '
                f'text-anchor="middle" class="label">{escape(label)}</text>'
            )
    # Runs of months with a share; a month without learners breaks the line.
    runs: list[list[tuple[float, float, float]]] = [[]]
    for index, share in enumerate(shares):
        if share is None:
            runs.append([])
            continue
        runs[-1].append((left + slot * (index + 0.5), y_of(share), share))
    colour = COLOURS[0]
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in run)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{points}"/>'
            )
        for x, y, share in run:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                f"<title>{_pct(share)}</title></circle>"
            )
    for number, (name, paint, dash) in enumerate(
        ((share_label, colour, ""), (target_label, TARGET, ' stroke-dasharray="6 4"'))
    ):
        ly = top + 14 + number * 20
        parts.append(
            f'<line x1="{left + plot_w + 12}" x2="{left + plot_w + 30}" y1="{ly - 3}" '
            f'y2="{ly - 3}" stroke="{paint}" stroke-width="2.5"{dash}/>'
            f'<text x="{left + plot_w + 36}" y="{ly + 1}" class="legend">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
