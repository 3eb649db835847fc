"""One incident as a self-contained HTML page: `render_incident(detail) -> str`.

The accounts side by side (one column per article, oldest first), a chart of the tolls over
time (one dot per figure, colored by claimant, drawn in Python as inline SVG, no script), and
every figure in a table. The report's stylesheet and date ticks are reused; nothing loads from
the network, and the article's words are always HTML-escaped.
"""
from __future__ import annotations

from datetime import date, timedelta
from html import escape
from importlib import resources
from typing import Optional

from ..report.charts import TICK_FORMATS, ticks
from .summary import FigureRow, IncidentDetail, Report, is_toll, number

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 220, 44, 30, 14, 30
COLORS = 8  # the report's claimant colors .cc-0 ... .cc-7
ACCOUNT_FIELDS = (("published", "published"), ("status", "status"), ("actor", "doer, in its words"),
                  ("target", "target, in its words"), ("place", "place"), ("date", "date"),
                  ("fatalities", "dead"), ("claimant", "according to"), ("evidence", "evidence"))
FIGURE_COLUMNS = ("#", "published", "outlet", "claimant", "measure", "figure", "revision", "stance")


def render_incident(detail: IncidentDetail) -> str:
    s = detail.summary
    css = resources.files("newsledger.report").joinpath("assets", "report.css").read_text("utf-8")
    where = ", ".join(x for x in (s.place, s.country) if x) or "place unknown"
    when = f"{s.start}" if s.start == s.end else f"{s.start} to {s.end}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(s.id)}: {escape(where)}, {escape(when)}</title>
<style>{css}
.accounts {{ display: grid; grid-auto-flow: column; grid-auto-columns: minmax(220px, 1fr); gap: 12px; overflow-x: auto; }}
.account {{ background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; font-size: .85rem; }}
.account h3 {{ margin: 0 0 6px; font-size: .95rem; }} .account dt {{ color: var(--muted); }} .account dd {{ margin: 0 0 6px; }}
main {{ padding: 8px 24px 24px; max-width: 1600px; margin: 0 auto; }}
@media (max-width: 600px) {{ .accounts {{ grid-auto-flow: row; }} main {{ padding: 8px 12px 16px; }} }}  /* phones: the accounts one under another, none scrolled out of view */
</style></head>
<body>
<header class="page-head"><h1>{escape(s.family.capitalize())} in {escape(where)}, {escape(when)}</h1>
<p class="meta">{escape(s.id)} · {s.sources} articles from {len(s.outlets)} outlets · first report {s.first_report} · last {s.last_report}</p>
<p class="counts">Dead: low {_n(s.fatalities_low)} · best {_n(s.fatalities_best)}{_source(s.best_source, s.best_rule)} · high {_n(s.fatalities_high)} · disagreement {_n(s.disagreement)}</p>
</header>
<main>
<h2>Accounts</h2>
<div class="accounts">{"".join(_account(r) for r in detail.reports)}</div>
<h2>Tolls over time</h2>
{_chart([r for r in detail.figures if is_toll(r, whole=False)])}
<h2>Every figure</h2>
{_figures(detail.figures)}
</main>
<footer class="page-foot">Best: the latest toll from a named source that is no party to the violence, official sources first; never an unattributed figure or simply the maximum.</footer>
</body></html>
"""


def _n(value: Optional[float]) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def _source(source: Optional[str], rule: Optional[str]) -> str:
    return f" ({escape(rule or '')}: {escape(source)})" if source else (f" ({escape(rule)})" if rule else "")


def _account(report: Report) -> str:
    head = escape(report.outlet or "unknown outlet")
    if report.article_url:
        head = f'<a href="{escape(report.article_url)}" rel="noreferrer">{head}</a>'
    rows = "".join(f"<dt>{escape(label)}</dt><dd>{escape(str(getattr(report, name)))}</dd>"
                   for name, label in ACCOUNT_FIELDS if getattr(report, name) is not None)
    return f'<section class="account"><h3>{head}</h3><p class="note">{escape(report.title or "")}</p><dl>{rows}</dl></section>'


def _chart(rows: list[FigureRow]) -> str:
    points = [(r.published, n, r) for r in rows if r.published and (n := number(r)) is not None]
    if not points:
        return '<p class="empty">No toll was published.</p>'
    lo = min(p[0] for p in points)
    hi = max(max(p[0] for p in points), lo + timedelta(days=1))
    top = max(p[1] for p in points) * 1.1 or 1
    claimants = {c: k % COLORS for k, c in enumerate(dict.fromkeys(r.claimant for _, _, r in points))}

    def x(day: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - lo).days / (hi - lo).days

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top

    marks, fmt = ticks(lo, hi)
    axis = "".join(f'<text x="{x(d):.1f}" y="{HEIGHT - 10}" font-size="11" text-anchor="middle">{escape(TICK_FORMATS[fmt](d))}</text>'
                   for d in marks)
    scale = "".join(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">{v:g}</text>'
                    f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e5e7eb"/>'
                    for v in _levels(top))
    dots = "".join(
        f'<circle class="cc-{claimants[r.claimant]}" style="fill: var(--cc)" cx="{x(day):.1f}" cy="{y(value):.1f}" r="5">'
        f"<title>{escape(r.claimant)} ({escape(r.outlet or '')}, {day}): {escape(r.text)}</title></circle>"
        for day, value, r in points)
    legend = " ".join(f'<span class="swatch cc-{k}"></span> {escape(c)}' for c, k in claimants.items())
    return (f'<figure class="chart"><svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-label="tolls over time">{scale}{axis}{dots}</svg><figcaption class="note">{legend}</figcaption></figure>')


def _levels(top: float) -> list[float]:
    step = 10 ** max(len(str(int(top))) - 1, 0)
    while top / step > 5:
        step *= 2
    return [step * k for k in range(int(top // step) + 1)]


def _figures(rows: list[FigureRow]) -> str:
    if not rows:
        return '<p class="empty">No figures.</p>'
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in (
            r.order, r.published or "", r.outlet or "", r.claimant, r.measure, r.text, r.revision or "", r.stance)) + "</tr>"
        for r in rows)
    head = "".join(f"<th>{c}</th>" for c in FIGURE_COLUMNS)
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
