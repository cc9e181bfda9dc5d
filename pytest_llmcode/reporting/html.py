"""``report.html`` in a results folder: one self-contained page (styles inline, no script, nothing
fetched from elsewhere) that links the evidence beside it by relative paths, so the folder can be
moved or downloaded as a CI artifact and still open.

It shows the matrix of challenges and models (pass rates, sample counts), per-model totals (pass
rate, cost, cost per passing case, median generation time), pass rate against cost as pictures
(inline SVG) with the cheapest good-enough model per challenge and the routing policies (see
:mod:`.route`) and, per case, the behaviour results,
screenshots (thumbnails that open full size), logs, the change or the files the model wrote, tokens,
cost and time. Everything from a case (logs, diffs, reasons) is escaped: it is untrusted text."""

from __future__ import annotations

import html
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pytest_llmcode._version import __version__
from pytest_llmcode.core.files import read_inside
from pytest_llmcode.reporting.cases import CaseView, load_cases, totals
from pytest_llmcode.reporting.record import cost_from
from pytest_llmcode.reporting.route import Routing, route
from pytest_llmcode.reporting.route_table import html_tables, pictures
from pytest_llmcode.reporting.tasks import table_rows, task_figures

REPORT_FILE = "report.html"
DIFF_LINES = 400
STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:1400px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px}h3{font-size:15px;margin:0}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
th{background:#f6f8fa}.good{background:#dafbe1}.bad{background:#ffebe9}.mixed{background:#fff8c5}
.passed{color:#1a7f37}.failed,.error{color:#cf222e;font-weight:600}.skipped{color:#6e7781}
details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 12px}
summary{cursor:pointer}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:420px;font-size:12px}
.thumbs{display:flex;flex-wrap:wrap;gap:12px}.thumbs figure{margin:0}
.thumbs img{width:240px;border:1px solid #d0d7de}.thumbs figcaption{font-size:12px;width:240px;overflow-wrap:anywhere}
.meta{color:#57606a}.pictures{display:flex;flex-wrap:wrap;gap:16px}
.pictures svg{border:1px solid #d0d7de;border-radius:6px;background:#fff}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _href(root: Path, path: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        return "file://" + quote(str(path))
    return quote(relative.as_posix())


def _rate(passed: int, total: int) -> str:
    return f"{passed}/{total} ({passed / total:.0%})" if total else "—"


def _css(passed: int, total: int) -> str:
    return "" if not total else "good" if passed == total else "bad" if passed == 0 else "mixed"


def _matrix(cases: dict[tuple[str, str, int], CaseView], challenges: list[str], models: list[str]) -> list[str]:
    out = ["<table id='matrix'><tr><th>challenge</th>" + "".join(f"<th>{_e(m)}</th>" for m in models) + "</tr>"]
    for challenge in challenges:
        cells = []
        for model in models:
            mine = [c for (ch, m, _), c in sorted(cases.items()) if (ch, m) == (challenge, model)]
            if not mine:
                cells.append("<td>—</td>")
                continue
            t = totals(mine)
            cells.append(f"<td class='{_css(t.passed, t.counted)}'><a href='#{_e(mine[0].anchor)}'>"
                         f"{_rate(t.passed, t.counted)}</a><br><span class='meta'>{t.all_passed}/{t.cases} sample(s) "
                         "all passed</span></td>")
        out.append(f"<tr><th>{_e(challenge)}</th>{''.join(cells)}</tr>")
    return [*out, "</table>"]


def _totals(cases: dict[tuple[str, str, int], CaseView], models: list[str]) -> list[str]:
    out = ["<table id='totals'><tr><th>model</th><th>tests passed</th><th>cases all passed</th><th>cost</th>"
           "<th>cost per passing case</th><th>median generation time</th><th>tokens in / out</th>"
           "<th>passed at first try</th><th>cost from</th></tr>"]
    for model in models:
        mine = [c for (_, m, _), c in cases.items() if m == model]
        t = totals(mine)
        source = cost_from({str(r.get("cost_source") or "") for c in mine for r in c.tests.values()})
        per_pass = "—" if t.cost_per_pass is None else f"${t.cost_per_pass:.4f}"
        latency = "—" if t.median_generation_s is None else f"{t.median_generation_s:.1f} s"
        out.append(f"<tr><th>{_e(model)}</th><td class='{_css(t.passed, t.counted)}'>{_rate(t.passed, t.counted)}</td>"
                   f"<td>{t.all_passed}/{t.cases}</td><td>${t.cost:.4f}</td><td>{per_pass}</td><td>{latency}</td>"
                   f"<td>{t.tokens_in} / {t.tokens_out}</td><td>{_rate(t.passed_first_try, t.counted)}</td>"
                   f"<td>{_e(source)}</td></tr>")
    return [*out, "</table>"]


def _read(case: CaseView, name: str) -> str | None:
    """A file of the case's folder, never through a link (see :func:`read_inside`)."""
    try:
        data = read_inside(case.dir, name)
    except OSError:
        return None
    return None if data is None else data.decode("utf-8", errors="replace")


def _first_lines(text: str, limit: int) -> tuple[str, bool]:
    lines = text.splitlines()
    return "\n".join(lines[:limit]), len(lines) > limit


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _case_section(root: Path, case: CaseView) -> list[str]:
    record = case.record
    state = "all passed" if case.all_passed else f"{case.passed}/{len(case.counted)} passed"
    out = [f"<details id='{_e(case.anchor)}'{'' if case.all_passed else ' open'}>",
           f"<summary><h3 style='display:inline'>{_e(case.challenge)} · {_e(case.model)} · s{case.sample}"
           f" — <span class='{'passed' if case.all_passed else 'failed'}'>{state}</span></h3></summary>"]
    if record.get("failure"):
        out.append(f"<p class='failed'>failed at {_e(record.get('failed_stage'))}:</p>"
                   f"<pre>{_e(record['failure'])}</pre>")
        if record.get("failure_log_tail"):
            out.append(f"<pre>{_e(record['failure_log_tail'])}</pre>")
    usage, timings = record.get("usage") or {}, record.get("timings") or {}
    out.append(f"<p class='meta'>tokens in {_e(usage.get('input_tokens', 0))}, out {_e(usage.get('output_tokens', 0))};"
               f" cost ${float(usage.get('cost_usd') or 0):.4f}; "
               + ", ".join(f"{_e(stage)} {float(seconds):.1f} s" for stage, seconds in timings.items())
               + f"; sandbox {_e(record.get('sandbox', '?'))}</p>")
    rounds = record.get("rounds") or []
    if len(rounds) > 1:
        out.append(f"<p>{len(rounds) - 1} repair round(s):</p><ol start='0' class='rounds'>")
        for one in rounds:
            usage_ = one.get("usage") or {}
            what = (f"failed at {_e(one['failed_stage'])}: {_e(one.get('reason') or '')}" if one.get("failed_stage")
                    else "built")
            out.append(f"<li>{what} <span class='meta'>(tokens in {_e(usage_.get('input_tokens', 0))}, out "
                       f"{_e(usage_.get('output_tokens', 0))}, ${float(usage_.get('cost_usd') or 0):.4f})</span></li>")
        out.append("</ol>")
    out.append("<table><tr><th>behaviour test</th><th>outcome</th><th>failed at</th><th>reason</th></tr>")
    for name, test in sorted(case.tests.items()):
        # set-up: a step before the behaviour could not be done, so the behaviour was not judged
        stage = (test.get("stage") or "") if test["outcome"] in ("failed", "error") else ""
        out.append(f"<tr><td>{_e(name)}</td><td class='{_e(test['outcome'])}'>{_e(test['outcome'])}</td>"
                   f"<td class='stage'>{_e(stage)}</td><td>{_e(test.get('reason') or '')}</td></tr>")
    out.append("</table>")
    shots = sorted(p for p in (case.dir / "screenshots").glob("*.png") if _regular(p))
    if shots:
        out.append("<div class='thumbs'>")
        for shot in shots:
            href = _href(root, shot)
            out.append(f"<figure><a href='{href}'><img src='{href}' loading='lazy' alt='screenshot: {_e(shot.stem)}'>"
                       f"</a><figcaption>{_e(shot.stem)}</figcaption></figure>")
        out.append("</div>")
    logs = sorted(p for p in (case.dir / "logs").rglob("*.log") if _regular(p)) if (case.dir / "logs").is_dir() else []
    if logs:
        out.append("<p>logs: " + ", ".join(f"<a href='{_href(root, log)}'>{_e(log.relative_to(case.dir / 'logs'))}</a>"
                                         for log in logs) + "</p>")
    diff, files = _read(case, "change.diff"), _read(case, "files.json")
    if diff is not None:
        text, cut = _first_lines(diff, DIFF_LINES)
        href = _href(root, case.dir / "change.diff")
        more = f" (first {DIFF_LINES} lines; <a href='{href}'>whole diff</a>)" if cut else ""
        out.append(f"<p>the change{more}:</p><pre class='diff'>{_e(text)}</pre>")
    elif files is not None:
        try:
            written = json.loads(files)
        except ValueError:
            written = []
        names = written if isinstance(written, list) else list(written)
        listing = "\n".join(map(str, names))
        out.append(f"<p>files the model wrote ({len(names)}):</p><pre class='files'>{_e(listing)}</pre>")
    transcript = _read(case, "transcript.md")
    if transcript is not None:
        text, cut = _first_lines(transcript, DIFF_LINES)
        href = _href(root, case.dir / "transcript.md")
        more = f" (first {DIFF_LINES} lines; <a href='{href}'>whole transcript</a>)" if cut else ""
        out.append(f"<details class='transcript'><summary>agent session{more}</summary><pre>{_e(text)}</pre></details>")
    for name in ("prompt.md", "answer.md", "transcript.md", "transcript.json", "case.json"):
        if _regular(case.dir / name):
            out.append(f"<a href='{_href(root, case.dir / name)}'>{name}</a> ")
    return [*out, "</details>"]


def _routing_section(routing: Routing) -> list[str]:
    """Pass rate against cost per case (pictures), the cheapest good-enough model per challenge and,
    with two models or more, the routing policies (see :mod:`.route`)."""
    return ["<h2 id='cost-quality'>Quality against cost</h2>",
            "<p class='meta'>Cases that passed every behaviour test, against the cost per case; the bar through "
            "a point is its 95% interval (Wilson). Hover a point for its figures.</p>",
            "<div class='pictures'>", *pictures(routing), "</div>", *html_tables(routing)]


def write_route_page(routing: Routing, path: Path) -> None:
    """``llmcode route --html``: the report's section *Quality against cost* as a page of its own,
    for results of several runs (a report shows one run's models)."""
    page = _head("llmcode route", "llmcode route: which model for which work", f"{len(routing.models)} model(s)")
    page += [*_routing_section(routing), "</body></html>"]
    path.write_text("\n".join(page) + "\n", encoding="utf-8")


def _tasks_section(records: list[dict[str, Any]]) -> list[str]:
    """The commit challenges' figures (none: no section)."""
    figures = task_figures(records)
    if not figures:
        return []
    header, *rows = table_rows(figures)
    out = ["<h2 id='tasks'>Commit tasks</h2>", "<p>A task is resolved when every hidden test passed (fail_to_pass "
           "and pass_to_pass); first-time green: resolved by the first answer, before any repair round.</p>",
           "<table id='task-figures'><tr>" + "".join(f"<th>{_e(cell)}</th>" for cell in header) + "</tr>"]
    out += ["<tr><th>" + _e(row[0]) + "</th>" + "".join(f"<td>{_e(cell)}</td>" for cell in row[1:]) + "</tr>"
            for row in rows]
    return [*out, "</table>"]


def _head(title: str, heading: str, what: str) -> list[str]:
    """A page's start: its styles inline, its heading, what it holds and when it was written."""
    return ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
            f"<title>{title}</title>", f"<style>{STYLE}</style></head><body>", f"<h1>{heading}</h1>",
            f"<p class='meta'>{what}; written {_e(time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()))} by "
            f"pytest-llmcode {_e(__version__)}</p>"]


def write_report(root: Path) -> Path:
    """Write ``report.html`` for the results under ``root``; raises ``ResultsError`` without results."""
    records, cases = load_cases(root)
    challenges = sorted({c for c, _, _ in cases})
    models = sorted({m for _, m, _ in cases})
    failing_first = sorted(cases.values(), key=lambda c: (c.all_passed, c.challenge, c.model, c.sample))
    sections: dict[str, list[str]] = defaultdict(list)
    for case in failing_first:
        sections[case.challenge] += _case_section(root, case)
    page = [*_head("llmcode report", "llmcode report", f"{len(cases)} case(s), {len(records)} behaviour result(s)"),
            "<h2>Behaviour tests passed, per challenge and model</h2>", *_matrix(cases, challenges, models),
            "<h2>Per model</h2>", *_totals(cases, models), *_tasks_section(records), *_routing_section(route(records))]
    for challenge in challenges:
        page += [f"<h2>{_e(challenge)}</h2>", *sections[challenge]]
    page.append("</body></html>")
    path = root / REPORT_FILE
    path.write_text("\n".join(page) + "\n", encoding="utf-8")
    return path
