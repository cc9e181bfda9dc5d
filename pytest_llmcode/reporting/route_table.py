"""What ``llmcode route`` shows: the cheapest good-enough model per challenge and the routing
policies, as tables built once and written as Markdown (a model's name always as a code span: see
:mod:`.md`) or as HTML for ``report.html`` (escaped)."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from pytest_llmcode.reporting.md import code
from pytest_llmcode.reporting.plot import Point, svg
from pytest_llmcode.reporting.record import cost_from
from pytest_llmcode.reporting.route import Policy, Routing, Tally

Cell = tuple[str, bool]  # (text, is a name: untrusted, shown literally)
Head = tuple[str, str]  # (our words, a name after them or "")
Table = tuple[list[Head], list[list[Cell]]]

CAVEAT = ("Simulated from the recorded outcomes of each case; no model was called again. Escalating a failed "
          "case assumes its failure is seen, which holds where these checks run (in CI, or before an answer "
          "is used).")


def money(value: float | None) -> str:
    """Dollars to the cent's hundredth, and below a cent to two significant digits ($0.000047)."""
    if value is None:
        return "—"
    if 0 < value < 0.01:
        return f"${value:.{1 - math.floor(math.log10(value))}f}"
    return f"${value:.4f}"


def rate(tally: Tally) -> str:
    """``7/10 (70%) [40%, 89%]``: the cases it rests on, and the Wilson 95% interval."""
    if not tally.total:
        return "—"
    low, high = tally.interval
    return f"{tally.passed}/{tally.total} ({tally.passed / tally.total:.0%}) [{low:.0%}, {high:.0%}]"


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def shown(routing: Routing) -> list[Policy]:
    """The policies worth a row: each single model, those on the front (★) and the recommended one
    (every policy is in the JSON)."""
    return [p for p in routing.policies if len(p.chain) == 1 or p.on_front or p is routing.recommended]


def _left(routing: Routing) -> str:
    hidden = len(routing.policies) - len(shown(routing))
    return (f" {hidden} other policies, each passing fewer or costing more than one shown, are left out (all are in"
            " `llmcode route --json`)." if hidden else "")


def _ratio(ratio: float) -> str:
    if ratio >= 9:  # ten times or more
        return f"cost ×{ratio + 1:.0f}"
    return f"cost {ratio:+.1%}" if ratio < -0.99 else f"cost {ratio:+.0%}"  # not "-100%" unless free


def _versus(policy: Policy, model: str) -> str:
    if policy.chain == (model,):
        return "—"
    found = next(v for v in policy.versus if v.model == model)
    if found.cost_ratio is None:
        cost = "cost ±0%" if policy.tally.cost == 0 else "cost from $0"
    else:
        cost = _ratio(found.cost_ratio)
    mark = "" if found.supported else " (not supported by the samples)"
    points = round(found.rate_delta * 100) or 0  # never "-0"
    return f"{points:+d} pp{mark}, {cost}"


def _plain(*texts: str) -> list[Cell]:
    return [(text, False) for text in texts]


def cheapest_table(routing: Routing) -> Table:
    head = [(text, "") for text in ("challenge", "cheapest model at the bar", "pass rate (95% interval)",
                                    "cost per case", "generation time", "bar", "best model")]
    rows = []
    for row in routing.cheapest:
        bar, best = (f"{row.bar:.0%}", False), (row.best, True)
        if row.chosen is None or row.tally is None:
            rows.append([(row.challenge, True), *_plain("none reaches the bar", "—", "—", "—"), bar, best])
            continue
        rows.append([(row.challenge, True), (row.chosen, True), (rate(row.tally), False),
                     (money(row.tally.cost_per_case), False), (seconds(row.tally.latency), False), bar, best])
    return head, rows


def untold(routing: Routing) -> list[list[Cell]]:
    """Per challenge, each cheaper model left below the bar although the samples cannot tell its
    pass rate from the best model's: a line of cells each."""
    lines = []
    for row in routing.cheapest:
        for model, tally, p_value in row.untold:
            lines.append([(row.challenge, True), *_plain(": "), (model, True),
                          *_plain(f" {rate(tally)} against "), (row.best, True),
                          *_plain(f" {rate(row.best_tally)}: exact McNemar p = {p_value:.3g} on the paired samples")])
    return lines


def policy_table(routing: Routing) -> Table:
    head = [*[(text, "") for text in ("policy", "over all pairings: pass rate, cost per case",
                                      "paired: pass rate (95% interval)", "total cost", "cost per case",
                                      "cost per passing case", "generation time per case", "escalated")],
            *[("vs ", m) for m in routing.models]]
    rows = []
    for policy in shown(routing):
        t, e = policy.tally, policy.expected
        star = (" ★" if policy.on_front else "") + (" (recommended)" if policy is routing.recommended else "")
        rows.append([(policy.name, True), (f"{e.rate:.1%}, {money(e.cost_per_case)}{star}", False),
                     *_plain(rate(t), money(t.cost), money(t.cost_per_case), money(t.cost_per_pass),
                             seconds(t.latency), f"{t.escalated}/{t.total}" if len(policy.chain) > 1 else "—"),
                     *[(_versus(policy, m), False) for m in routing.models]])
    return head, rows


def cost_note(routing: Routing, name: Callable[[str], str]) -> str:
    """Where each model's costs came from, its name written by ``name`` (an unknown source is said
    as unknown: it is text from a results file)."""
    return "; ".join(f"{name(m)}: " + cost_from(routing.cost_sources[m]) for m in routing.models)


def unpriced(routing: Routing) -> list[str]:
    """Models with a case whose cost is not known: they count as free, which favours them."""
    return [m for m in routing.models if {"none", "not recorded"} & set(routing.cost_sources[m])]


def _texts(routing: Routing) -> dict[str, str]:
    """The explanations both renderings give (Markdown-safe and HTML-safe: no names in them)."""
    return {
        "cheapest": "The cheapest model whose share of cases that passed every behaviour test reaches the bar "
                    "(the best model's rate minus the tolerance, or --min-pass-rate).",
        "untold": "Below the bar, but cheaper, and the samples cannot support the difference from the best model "
                  "(exact McNemar, p ≥ 0.05): more samples may put them above it.",
        "policies": f"Paired: sample i of each model on the {len(routing.units)} case(s) every model has (a "
                    "challenge and a sample number), with the Wilson 95% interval. Over all pairings: the "
                    "same, averaged over every way of pairing the models' recorded cases of a challenge (they are "
                    "independent attempts at the same task, so a single pairing is one draw among many); ★ (no "
                    "other policy passes as many for as little) and the recommendation (the cheapest policy within "
                    f"{routing.tolerance * 100:.0f} pp of the best single model) use these figures. vs columns: "
                    "paired pass-rate points and cost against that model; a difference the paired samples cannot "
                    f"support (exact McNemar, p ≥ 0.05) says so.{_left(routing)}",
    }


def _render(table: Table, cell: Callable[[Cell], str]) -> list[str]:
    head, rows = table
    header = [text + (cell((name, True)) if name else "") for text, name in head]
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]]


def markdown(routing: Routing, picture: str | None = None) -> str:
    def cell(c: Cell) -> str:
        return code(c[0]) if c[1] else c[0].replace("|", "\\|")

    texts = _texts(routing)
    lines = ["## llmcode route: which model for which work", "", f"_{CAVEAT}_", "",
             f"**Cost from:** {cost_note(routing, lambda m: code(m, table=False))}.", ""]
    if unpriced(routing):
        lines += ["⚠️ No cost is known for " + ", ".join(code(m, table=False) for m in unpriced(routing))
                  + ": counted as $0, which makes it look cheapest. Set its `price:` in `llmcode.yaml`.", ""]
    lines += ["### Cheapest model per challenge", "", texts["cheapest"], ""]
    lines += _render(cheapest_table(routing), cell)
    if untold(routing):
        lines += ["", texts["untold"], ""]
        lines += ["- " + "".join(code(c[0], table=False) if c[1] else c[0] for c in line) for line in untold(routing)]
    if len(routing.models) > 1:
        lines += ["", "### Policies", "", texts["policies"], ""]
        lines += _render(policy_table(routing), cell)
    if routing.left_out:
        lines += ["", "Left out of the policies: " + "; ".join(f"{code(c, table=False)} ({why})"
                                                               for c, why in sorted(routing.left_out.items())) + "."]
    if picture:
        lines += ["", f"The picture of pass rate against cost: {picture}"]
    return "\n".join(lines) + "\n"


def html_tables(routing: Routing) -> list[str]:
    def table(data: Table, name: str) -> list[str]:
        head, rows = data
        out = [f"<table id='{name}'><tr>" + "".join(f"<th>{html.escape(a + b)}</th>" for a, b in head) + "</tr>"]
        out += ["<tr>" + "".join(f"<td>{html.escape(c[0])}</td>" for c in row) + "</tr>" for row in rows]
        return [*out, "</table>"]

    texts = _texts(routing)
    out = [f"<p class='meta'>{html.escape(CAVEAT)}</p>",
           f"<p class='meta'>Cost from: {cost_note(routing, html.escape)}.</p>"]
    if unpriced(routing):
        out.append("<p class='failed'>No cost is known for " + html.escape(", ".join(unpriced(routing)))
                   + ": counted as $0, which makes it look cheapest.</p>")
    out += ["<h3>Cheapest model per challenge</h3>", f"<p class='meta'>{html.escape(texts['cheapest'])}</p>",
            *table(cheapest_table(routing), "cheapest")]
    if untold(routing):
        out += [f"<p class='meta'>{html.escape(texts['untold'])}</p>", "<ul id='untold'>",
                *["<li>" + "".join(f"<code>{html.escape(c[0])}</code>" if c[1] else html.escape(c[0]) for c in line)
                  + "</li>" for line in untold(routing)], "</ul>"]
    if len(routing.models) > 1:
        out += ["<h3>Policies</h3>", f"<p class='meta'>{html.escape(texts['policies'])}</p>",
                *table(policy_table(routing), "policies")]
    if routing.left_out:
        out.append("<p class='meta'>Left out of the policies: " + html.escape("; ".join(
            f"{c} ({why})" for c, why in sorted(routing.left_out.items()))) + ".</p>")
    return out


def _point(label: str, tally: Tally, policy: bool = False) -> Point:
    detail = (f"{label}: {rate(tally)} of cases passed every test; {money(tally.cost_per_case)} per case, "
              f"{money(tally.cost_per_pass)} per passing case; generation {seconds(tally.latency)}")
    return Point(label, tally.passed, tally.total, tally.cost_per_case or 0.0, tally.interval, detail, policy)


def pictures(routing: Routing) -> list[str]:
    """Pass rate against cost per case: all challenges (the models, and the policies as hollow
    squares), then one picture per challenge."""
    overall = [_point(m, routing.per_model[""][m]) for m in routing.models if routing.per_model[""][m].total]
    overall += [_point(p.name + (" (recommended)" if p is routing.recommended else ""), p.tally, policy=True)
                for p in shown(routing) if len(p.chain) > 1 and p.tally.total]
    out = [svg(overall, "All challenges: each model" + (", and each policy (□)" if len(overall) > len(routing.models)
                                                        else ""), "cost-quality-all")]
    for index, challenge in enumerate(sorted(c for c in routing.per_model if c)):
        tallies = routing.per_model[challenge]
        points = [_point(m, tallies[m]) for m in routing.models if m in tallies and tallies[m].total]
        out.append(svg(points, challenge, f"cost-quality-{index}"))
    return out
