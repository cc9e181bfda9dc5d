#!/usr/bin/env python3
"""How much time and memory the harness adds to a case, our way against the naive way, in one run.

    .venv/bin/python benchmarks/overhead.py            # about 18 minutes on 2 cores
    .venv/bin/python benchmarks/overhead.py --quick    # fewer samples, to try it out

Prints, for the todo, solar and tweet challenges on the reference model:
- per-case harness overhead (everything but model time and the checks' own work): cold (the first
  case, empty dependency store and npm cache) and warm (median of the warm cases);
- the same cases done the naive way in the same run: ``npm install`` and a build in every workspace
  (npm's cache warm: the naive way at its best), a new browser per case, one test at a time
  (``--llm-checks-at-once=1``); and the ratio naive/ours,
  for the overhead and for everything (overhead plus the checks, which both ways share);
- 30 cases against a local model server answering after 5 s, against the ideal (total model time /
  allowed concurrency);
- peak memory (proportional set size of pytest and every process it started, sampled twice a second);
- whether the cost per case stays flat as cases accumulate;
- where a behaviour test's own time goes: context, navigation, actions, waits and evidence.
The last lines say whether each target is met.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fake_llm import FakeLLM  # noqa: E402 - a real HTTP server speaking the OpenAI wire format

SUITES = ROOT / "example_suites"
CHALLENGES = ("todo_app", "solar_system", "tweet_screenshot")
LATENCY_S = 5.0
MANY = 30


@dataclasses.dataclass
class Case:
    name: str
    wall: float = 0.0  # first setup start to last teardown stop
    work: float = 0.0  # case-level: generate, install, build, launch, browser start, the final stop
    model: float = 0.0
    last_teardown: tuple[float, float] = (0.0, 0.0)  # (stop, seconds) of its latest teardown phase

    @property
    def overhead(self) -> float:
        """The harness's work for the case as a whole, model time aside."""
        return self.work + self.last_teardown[1] - self.model

    @property
    def per_test(self) -> float:
        """Everything else: its tests, each in a fresh browser context, with their screenshots."""
        return self.wall - self.work - self.last_teardown[1]


@dataclasses.dataclass
class Run:
    label: str
    seconds: float
    peak_mb: float
    cases: dict[str, Case]
    exit_code: int

    def of(self, challenge: str) -> list[Case]:
        """The cases of one challenge, in sample order."""
        found = [c for c in self.cases.values() if f"/{challenge}/" in c.name]
        return sorted(found, key=lambda c: int(c.name.rsplit("/s", 1)[1]))


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = collections.defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children[parent].append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def run_pytest(label: str, args: list[str], workdir: Path, env: dict[str, str], every: float = 0.5) -> Run:
    """pytest in a subprocess, sampling the memory of its process tree ``every`` seconds."""
    phases = workdir / f"{label}.phases.jsonl"
    env = {**os.environ, **env, "LLMCODE_BENCH_PHASES": str(phases), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # Python's default, as a user runs pytest: modules compiled once
    command = [sys.executable, "-m", "pytest", "-p", "benchmarks.phases", "-p", "no:cacheprovider", "-q",
               "--llm-progress=off", f"--llm-output={workdir / label}", *args]
    print(f"[{label}] {' '.join(command[3:])}", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        # reading smaps_rollup walks the page tables of a browser's processes (about 50 ms, and
        # they wait on it): at the lowest priority, and no more often than asked
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        nonlocal peak
        while not done.wait(every):
            peak = max(peak, _pss_mb(_descendants(process.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    last = output.decode(errors="replace").strip().splitlines()[-1:]
    print(f"[{label}] {seconds:.1f}s, exit {process.returncode}: {last[0] if last else ''}", flush=True)
    if process.returncode not in (0, 1):
        print(output.decode(errors="replace")[-3000:])
    return Run(label, seconds, peak, _cases(phases), process.returncode)


def _cases(phases: Path) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    starts: dict[str, float] = {}
    for line in phases.read_text().splitlines() if phases.exists() else []:
        record = json.loads(line)
        name = record["case"]
        if not name:
            continue
        case = cases.setdefault(name, Case(name))
        if record["kind"] == "work":
            case.work += record["seconds"]
            continue
        starts[name] = min(starts.get(name, record["start"]), record["start"])
        case.wall = max(case.wall, record["stop"] - starts[name])
        if record["when"] == "teardown" and record["stop"] >= case.last_teardown[0]:
            case.last_teardown = (record["stop"], record["seconds"])
        case.model = max(case.model, record["model_s"])
    return cases


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


PARTS = ("context", "navigation", "actions", "waits", "evidence")


def test_split(results: Path, challenge: str) -> dict[str, float]:
    """The mean, over a challenge's behaviour tests in ``results.jsonl``, of where a test's time went
    (``test_time``, see pytest_llmcode/plugin/timing.py), seconds."""
    splits = [record["test_time"] for record in map(json.loads, results.read_text().splitlines())
              if record["challenge"] == challenge and record.get("test_time")] if results.exists() else []
    return {part: statistics.fmean(split.get(part, 0.0) for split in splits) if splits else float("nan")
            for part in PARTS}


def print_test_split(workdir: Path, labels: tuple[str, ...], challenges: tuple[str, ...]) -> None:
    print("\nwhere a behaviour test's own time goes (mean per test, seconds):")
    print(f"{'challenge':<18}{'run':<7}" + "".join(f"{part:>11}" for part in PARTS) + f"{'test':>8}")
    for challenge in challenges:
        for label in labels:
            split = test_split(workdir / label / "results.jsonl", challenge)
            print(f"{challenge:<18}{label:<7}" + "".join(f"{split[part]:>11.2f}" for part in PARTS)
                  + f"{sum(split.values()):>8.2f}")


def many_cases(workdir: Path, concurrency: int) -> tuple[Run, float]:
    """30 cases of a one-check page against a model server answering after LATENCY_S."""
    answer = "File: index.html\n```html\n" + (ROOT / "benchmarks/hello_page/reference/index.html").read_text() + "```\n"
    suite = workdir / "many"
    suite.mkdir()
    for name in ("challenge.yaml", "test_hello.py"):
        (suite / name).write_text((ROOT / "benchmarks/hello_page" / name).read_text())
    with FakeLLM(answer) as server:
        server.delay = LATENCY_S
        config = workdir / "llmcode.yaml"
        config.write_text(textwrap.dedent(f"""\
            models:
              slow:
                provider: openai
                model: bench/slow-coder
                base_url: {server.openai_url}
                api_key_env: BENCH_API_KEY
            """))
        run = run_pytest("many", [str(suite), "--llm-model=slow", f"--llm-samples={MANY}", "--llm-cache=off",
                                  f"--llm-config={config}", f"--llm-concurrency={concurrency}"],
                         workdir, {"BENCH_API_KEY": "bench"}, every=2.0)  # timed: its memory stays flat
        print(f"[many] the model server saw {len(server.requests)} requests, at most {server.max_in_flight} at once")
    ideal = MANY * LATENCY_S / concurrency
    return run, ideal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples (the medians are then rough)")
    parser.add_argument("--concurrency", type=int, default=4, help="--llm-concurrency of the many-cases run")
    args = parser.parse_args()
    warm_samples, naive_samples = (4, 2) if args.quick else (11, 3)
    with tempfile.TemporaryDirectory(prefix="llmcode-bench-") as tmp:
        workdir = Path(tmp)
        empty = {"LLMCODE_NPM_CACHE": str(workdir / "npm-cache")}  # apart from the user's caches
        store = f"--llm-store-dir={workdir / 'store'}"
        suites = [str(SUITES / name) for name in CHALLENGES]
        cold = run_pytest("cold", [*suites, "--llm-model=reference", store], workdir, empty)
        ours = run_pytest("ours", [*suites, "--llm-model=reference", f"--llm-samples={warm_samples}", store],
                          workdir, empty)
        naive = run_pytest("naive", [*suites, "--llm-model=reference", f"--llm-samples={naive_samples}",
                                     "--llm-reuse=none", "--llm-browser-scope=case", "--llm-checks-at-once=1"],
                          workdir, empty)
        many, ideal = many_cases(workdir, args.concurrency)
        print_test_split(workdir, ("ours", "naive"), CHALLENGES)
    runs = (cold, ours, naive, many)
    failed = [f"{run.label}: exit {run.exit_code}" for run in runs if run.exit_code != 0]

    print("\nper-case harness overhead: the case's own work (generate, install, build, launch, browser start,")
    print("stop), model time aside; then everything per case (that plus its tests, each in a fresh browser")
    print("context with its screenshot: work both ways share), seconds:")
    print(f"{'challenge':<18}{'cold':>7}{'ours':>7}{'naive':>7}{'naive/ours':>11}"
          f"{'all ours':>10}{'all naive':>11}{'naive/ours':>11}")
    ratios, everything = {}, {}
    for challenge in CHALLENGES:
        warm = ours.of(challenge)[1:]  # the first warm case also starts the run's browser
        mine, theirs = _median([c.overhead for c in warm]), _median([c.overhead for c in naive.of(challenge)])
        all_mine = _median([c.wall - c.model for c in warm])
        all_theirs = _median([c.wall - c.model for c in naive.of(challenge)])
        first = cold.of(challenge)[0].overhead if cold.of(challenge) else float("nan")
        ratios[challenge], everything[challenge] = theirs / mine, all_theirs / all_mine
        print(f"{challenge:<18}{first:>7.2f}{mine:>7.2f}{theirs:>7.2f}{theirs / mine:>10.1f}x"
              f"{all_mine:>10.2f}{all_theirs:>11.2f}{all_theirs / all_mine:>10.1f}x")
    print(f"(ours: warm, median of {len(ours.of('todo_app')) - 1} cases a challenge; naive: median of "
          f"{len(naive.of('todo_app'))}; cold: the first case with an empty store and npm cache)")

    todo = [c.overhead for c in ours.of("todo_app")[1:]]
    half = len(todo) // 2
    growth = _median(todo[half:]) / _median(todo[:half]) if half else float("nan")
    print(f"\nper-case todo overhead, earlier vs later warm cases: {_median(todo[:half]):.2f}s vs "
          f"{_median(todo[half:]):.2f}s (later/earlier = {growth:.2f})")
    print(f"{MANY} cases at {LATENCY_S:g}s model latency, concurrency {args.concurrency}: {many.seconds:.1f}s, "
          f"ideal {ideal:.1f}s")
    peak = max(run.peak_mb for run in runs)
    print("peak memory of a run (pytest and everything it started): "
          + ", ".join(f"{run.label} {run.peak_mb:.0f} MB" for run in runs))

    targets = [
        ("todo warm overhead: naive/ours", ratios["todo_app"], ratios["todo_app"] >= 5, "x", ">= 5x"),
        ("solar warm overhead: naive/ours", ratios["solar_system"], ratios["solar_system"] >= 5, "x", ">= 5x"),
        ("todo everything per case: naive/ours", everything["todo_app"], everything["todo_app"] >= 4, "x", ">= 4x"),
        ("solar everything per case: naive/ours", everything["solar_system"], everything["solar_system"] >= 3, "x",
         ">= 3x"),
        ("tweet everything per case: naive/ours", everything["tweet_screenshot"], everything["tweet_screenshot"] >= 3,
         "x", ">= 3x"),
        (f"{MANY} cases: wall/ideal", many.seconds / ideal, many.seconds / ideal <= 1.2, "x", "<= 1.2x"),
        ("peak memory per worker", peak, peak < 1024, " MB", "< 1024 MB"),
        ("cost per case, later/earlier", growth, 0.8 <= growth <= 1.25, "", "within 0.8-1.25 (linear)"),
    ]
    print()
    for name, value, met, unit, goal in targets:
        print(f"{name} = {value:.2f}{unit}  [{'met' if met else 'NOT met'}: target {goal}]")
    if failed:
        print("runs with failed tests: " + "; ".join(failed))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
