"""pytest glue: options, collection of challenge folders, fixtures and reporting hooks.

Kept thin: the work is done in :mod:`pytest_llmcode.app` and :mod:`pytest_llmcode.browser`.
Importing this module imports neither Playwright nor anything that starts a process.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generator, Iterator

import pytest

from pytest_llmcode import settings as settings_mod
from pytest_llmcode import xdist_support
from pytest_llmcode.challenge import CHALLENGE_FILE, Challenge, ChallengeError, find_challenge_file, load_challenge
from pytest_llmcode.results import ResultsWriter
from pytest_llmcode.stages import InfrastructureError, Stage, StageFailure
from pytest_llmcode.summary import SummaryReporter
from pytest_llmcode.workspace import OUTPUT_MARKER, mark_output_dir

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from pytest_llmcode.app import BuiltCase, CaseBuilder, CaseSpec, RunningApp
    from pytest_llmcode.browser import BrowserHost, BrowserLog
    from pytest_llmcode.prefetch import Prefetcher

SETTINGS = pytest.StashKey["settings_mod.Settings"]()
CHALLENGES = pytest.StashKey[dict[Path, "Challenge | ChallengeError"]]()
BUILDER = pytest.StashKey["CaseBuilder"]()
PREFETCHER: pytest.StashKey[Prefetcher] = pytest.StashKey()
ITEM_APP = pytest.StashKey["RunningApp"]()
ITEM_PAGE = pytest.StashKey["Page"]()
ITEM_LOG = pytest.StashKey["BrowserLog"]()
ITEM_FAILURE = pytest.StashKey[StageFailure]()
CHALLENGE_ERROR = pytest.StashKey[ChallengeError]()
APP_FOLDERS = {"reference", "mutants", "alternatives", "base", "starter"}


def pytest_addoption(parser: pytest.Parser) -> None:
    settings_mod.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "llmcode: a behaviour check of a generated app")
    xdist_support.configure(config, lambda: [model.label for model in config.stash[SETTINGS].models])
    resolved = settings_mod.resolve(config)
    config.stash[SETTINGS] = resolved
    config.stash[CHALLENGES] = {}
    config.pluginmanager.register(SummaryReporter(resolved.output, resolved.sandbox), "llmcode-summary")
    from pytest_llmcode.progress import Progress

    config.pluginmanager.register(Progress(config, resolved.progress, resolved.output), "llmcode-progress")
    if not hasattr(config, "workerinput"):  # under xdist the controller writes every record
        config.pluginmanager.register(ResultsWriter(resolved.output), "llmcode-results")
    distributed = hasattr(config, "workerinput") or bool(getattr(config.option, "numprocesses", None))
    on_one_worker = not distributed or xdist_support.cases_together(config)  # each case's tests
    if resolved.repair_rounds and on_one_worker:  # see verify_repair.py
        from pytest_llmcode.verify_repair import VerifyRepair

        config.pluginmanager.register(
            VerifyRepair(lambda: _builder(config), resolved.repair_rounds, _reset_item), "llmcode-verify-repair")
    if resolved.concurrency > 1 and resolved.models and not distributed:  # see prefetch.py for why not under xdist
        from pytest_llmcode.prefetch import Prefetcher

        config.stash[PREFETCHER] = Prefetcher(lambda: _builder(config), resolved.concurrency, build_ahead=True)
        config.pluginmanager.register(config.stash[PREFETCHER], "llmcode-prefetch")
    _stop_on_sigterm(config)


def _reset_item(item: pytest.Item) -> None:
    """Forget what a behaviour test's last run left on its item, before it runs again."""
    item.user_properties.clear()
    keys: tuple[pytest.StashKey[Any], ...] = (ITEM_APP, ITEM_PAGE, ITEM_LOG, ITEM_FAILURE)
    for key in keys:
        if key in item.stash:
            del item.stash[key]


def _on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt("SIGTERM")  # pytest then tears down fixtures: apps are stopped


def _stop_on_sigterm(config: pytest.Config) -> None:
    """A cancelled CI job sends SIGTERM; without this, Python dies without any teardown."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)

        def restore() -> None:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

        config.add_cleanup(restore)


def pytest_unconfigure(config: pytest.Config) -> None:
    from pytest_llmcode.process import stop_all

    stop_all()  # a safety net: whatever happened to fixture teardown, no app outlives the run
    if BUILDER in config.stash:
        config.stash[BUILDER].close()
    if "pytest_llmcode.sandbox.case" in sys.modules:
        sys.modules["pytest_llmcode.sandbox.case"].close_all()


def _challenge_for(config: pytest.Config, path: Path) -> Challenge | ChallengeError | None:
    root = config.rootpath
    found = find_challenge_file(path, stop=root if path.is_relative_to(root) else None)
    if found is None:
        return None
    cache = config.stash[CHALLENGES]
    if found not in cache:
        try:
            cache[found] = load_challenge(found)
        except ChallengeError as exc:
            cache[found] = exc
    return cache[found]


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.is_dir():
        if (collection_path / OUTPUT_MARKER).exists():
            return True  # generated apps are evidence, not tests
        if collection_path.name in APP_FOLDERS and (collection_path.parent / CHALLENGE_FILE).is_file():
            return True  # a challenge's reference, mutants, base or starter app
    return None


class BrokenChallengeModule(pytest.Module):
    """Stands for a test module whose challenge.yaml is invalid: a clean collection error."""

    def collect(self) -> Any:
        raise self.CollectError(str(self.stash[CHALLENGE_ERROR]))


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    challenge = _challenge_for(parent.config, module_path)
    if isinstance(challenge, ChallengeError):
        module = BrokenChallengeModule.from_parent(parent, path=module_path)
        module.stash[CHALLENGE_ERROR] = challenge
        return module
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    raw = config.getoption("llm_shard")
    if not raw:
        return
    from pytest_llmcode.shard import parse_shard, select

    index, total = parse_shard(raw)
    kept, dropped = select(items, index, total)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "llm_case" not in metafunc.fixturenames:
        return
    challenge = _challenge_for(metafunc.config, metafunc.definition.path)
    if not isinstance(challenge, Challenge):
        return  # the fixture explains that it only works inside a challenge folder
    resolved = metafunc.config.stash[SETTINGS]
    from pytest_llmcode.app import CaseSpec

    if not resolved.models:
        skip = pytest.mark.skip(reason=settings_mod.NO_MODEL_REASON)
        params = [pytest.param(None, marks=skip, id="no-model")]
    else:
        # for pytest-xdist's --dist loadgroup (see xdist_support.py)
        params = [
            pytest.param(
                CaseSpec(challenge, model, sample),
                id=f"{model.label}-s{sample}",
                marks=pytest.mark.xdist_group(f"{challenge.id}-{model.label}-s{sample}"),
            )
            for model in resolved.models
            for sample in range(resolved.samples)
        ]
    metafunc.parametrize("llm_case", params, indirect=True, scope="module")


def _builder(config: pytest.Config) -> CaseBuilder:
    if BUILDER not in config.stash:
        from pytest_llmcode.app import CaseBuilder

        resolved = config.stash[SETTINGS]
        mark_output_dir(resolved.output)
        config.stash[BUILDER] = CaseBuilder(
            resolved.output, resolved.timeouts, resolved.sandbox,
            hidden=(config.rootpath, config.invocation_params.dir), repair_rounds=resolved.repair_rounds,
            mode=resolved.mode, agent_limits=resolved.agent_limits, store_dir=resolved.store_dir, reuse=resolved.reuse,
            browser_scope=resolved.browser_scope,
        )
        if PREFETCHER in config.stash:  # first answers asked ahead, while earlier cases build
            config.stash[BUILDER].first_answer = config.stash[PREFETCHER].first_answer
            config.stash[BUILDER].app_for = config.stash[PREFETCHER].app_for
        progress = config.pluginmanager.get_plugin("llmcode-progress")
        if progress is not None:  # a line as each case enters a stage (see progress.py)
            config.stash[BUILDER].on_stage = progress.on_stage
    return config.stash[BUILDER]


@pytest.fixture(scope="module")
def llm_case(request: pytest.FixtureRequest) -> BuiltCase:
    """The generated and built app of this case (built once, shared by its behaviour tests)."""
    spec = getattr(request, "param", None)
    if spec is None:
        raise pytest.UsageError(
            f"{request.node.nodeid}: llm_case is only available to tests in a folder with a {CHALLENGE_FILE}"
        )
    builder = _builder(request.config)
    network = builder.serving_network()
    if network is not None:
        _warm_up(request, network, spec)
    return builder.build(spec)


def _warm_up(request: pytest.FixtureRequest, network: Any, spec: CaseSpec) -> None:
    """Start the worker's browser before the first case is built. While the case's answer (or its
    build ahead) is still to come, also draw the browser's first page (once) and open the blank
    pages the next tests will take. A browser that cannot start is reported by the first test that
    needs it."""
    host: BrowserHost = request.getfixturevalue("llm_browser_host")
    try:
        host.shared_browser(network)
    except InfrastructureError:
        return
    prefetcher = request.config.stash.get(PREFETCHER, None)
    if prefetcher is None or not prefetcher.waiting_for(spec):
        return
    host.warm_up(network)
    while prefetcher.waiting_for(spec) and host.prepare_page(network):
        pass  # time to spare


@pytest.fixture(scope="module")
def llm_app(request: pytest.FixtureRequest, llm_case: BuiltCase) -> Iterator[RunningApp]:
    """The case's app, served on a loopback port (``.url``), stopped when its tests are done."""
    app = _builder(request.config).app_for(llm_case)
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="session")
def llm_browser_host(pytestconfig: pytest.Config) -> Iterator[BrowserHost]:
    """One Chromium per session (per xdist worker), launched on first use."""
    from pytest_llmcode.browser import BrowserHost

    resolved = pytestconfig.stash[SETTINGS]
    host = BrowserHost(resolved.browser, headed=resolved.headed)
    try:
        yield host
    finally:
        host.close()


@pytest.fixture(autouse=True)
def _llmcode_item(request: pytest.FixtureRequest) -> None:
    """Ties a behaviour test to its case: JUnit properties, and the case's failure if any."""
    if "llm_case" not in request.fixturenames:
        return
    item = request.node
    app: RunningApp = request.getfixturevalue("llm_app")
    item.stash[ITEM_APP] = app
    case, spec = app.case, app.case.spec
    props = item.user_properties
    props += [
        ("llm.challenge", spec.challenge.id),
        ("llm.challenge_fingerprint", spec.challenge.fingerprint()),
        ("llm.model", spec.model.label),
        ("llm.model_spec", spec.model.spec),
        ("llm.sample", spec.sample),
        ("llm.case_dir", str(case.dir.root)),
        ("llm.sandbox", case.sandbox),
        ("llm.tokens.input", case.usage.input_tokens),
        ("llm.tokens.output", case.usage.output_tokens),
        ("llm.tokens.cached", case.usage.cached_tokens),
        ("llm.tokens.reasoning", case.usage.reasoning_tokens),
        ("llm.cost_usd", f"{case.usage.cost_usd:.6f}"),
        ("llm.repair_rounds", max(0, len(case.rounds) - 1)),
    ]
    props += [(f"llm.time.{stage}", f"{seconds:.3f}") for stage, seconds in case.timings.items()]
    generation = case.generation
    if generation:
        props += [("llm.model_id", generation["model_id"]), ("llm.answer_source", generation["source"])]
        if generation["first_token_s"] is not None:
            props.append(("llm.latency.first_token", f"{generation['first_token_s']:.3f}"))
        if generation["source"] == "endpoint":
            props.append(("llm.latency.total", f"{generation['total_s']:.3f}"))
    if case.error is not None:
        raise case.error  # an infrastructure error: the test errors, it does not fail
    if app.failure is not None:
        item.stash[ITEM_FAILURE] = app.failure


@pytest.fixture
def app_log(request: pytest.FixtureRequest) -> BrowserLog:
    """Console errors, uncaught page errors and failed requests of this test's pages."""
    from pytest_llmcode.browser import BrowserLog

    log = BrowserLog()
    request.node.stash[ITEM_LOG] = log
    return log


# one frame and one task after load: a render scheduled at startup has run (or thrown)
_SETTLE = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"


@pytest.fixture
def app_page(
    request: pytest.FixtureRequest, llm_app: RunningApp, llm_browser_host: BrowserHost, app_log: BrowserLog
) -> Iterator[Page | None]:
    """A Playwright page (in a fresh browser context) opened on the case's app."""
    if llm_app.failure is not None:
        yield None  # the test is failed with the case's stage before its body runs
        return
    from playwright.sync_api import Error

    from pytest_llmcode.verify.three import INIT_SCRIPT

    context, page = llm_browser_host.new_page(llm_browser_host.browser_for(llm_app))
    try:
        context.set_default_timeout(10_000)
        context.add_init_script(INIT_SCRIPT)  # lets checks see any three.js scene; inert elsewhere
        app_log.attach(context, llm_app.url)
        request.node.stash[ITEM_PAGE] = page
        try:
            page.goto(llm_app.url, wait_until="load")
            page.evaluate(_SETTLE)
        except Error as exc:
            request.node.stash[ITEM_FAILURE] = StageFailure(
                Stage.VERIFY,
                f"the app at {llm_app.url} could not be opened: {exc}",
                log_path=str(llm_app.dir.log("launch")),
            )
        else:
            if app_log.page_errors:  # thrown while loading: every check of this page is moot
                request.node.stash[ITEM_FAILURE] = StageFailure(
                    Stage.VERIFY, "the app threw an uncaught error while loading:\n" + app_log.describe()
                )
        yield page
    finally:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    failure = item.stash.get(ITEM_FAILURE, None)
    if failure is not None:  # the case failed before this behaviour could be checked
        pytest.fail(failure.describe(), pytrace=False)
    log = item.stash.get(ITEM_LOG, None)
    try:
        result = yield
    except Exception as exc:
        if log is not None and log.page_errors:
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            pytest.fail(
                f"the app threw an uncaught error in the page:\n{log.describe()}\nthen the check failed: {first_line}",
                pytrace=False,
            )
        raise
    if log is not None and log.page_errors:
        pytest.fail("the app threw an uncaught error in the page:\n" + log.describe(), pytrace=False)
    return result


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:120]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    if call.when == "call" and ITEM_APP in item.stash:
        _record_call(item, call)
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(InfrastructureError):
        report.longrepr = f"[infrastructure] {call.excinfo.value}"  # an error of the harness, said plainly
    return report


def _record_call(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    app = item.stash[ITEM_APP]
    failure = item.stash.get(ITEM_FAILURE, None)
    if failure is not None:
        item.user_properties.append(("llm.stage", str(failure.stage)))
    elif call.excinfo is not None:
        item.user_properties.append(("llm.stage", str(Stage.VERIFY)))
    name = _slug(f"{Path(str(item.path)).stem}__{getattr(item, 'originalname', item.name)}")
    page = item.stash.get(ITEM_PAGE, None)
    if page is not None and not page.is_closed():
        shot = app.dir.screenshots / f"{name}.png"
        try:
            page.screenshot(path=str(shot), timeout=10_000)
            item.user_properties.append(("llm.screenshot", str(shot)))
        except Exception as exc:  # noqa: BLE001 - evidence is best effort, the verdict is not
            item.add_report_section("call", "llmcode", f"screenshot failed: {exc}")
        if call.excinfo is not None:  # what the screenshot shows, in words: for people and repair rounds
            from pytest_llmcode.browser import describe_page

            description = describe_page(page)
            shot.with_suffix(".txt").write_text(description + "\n", encoding="utf-8")
            item.add_report_section("call", "page", description)
    log = item.stash.get(ITEM_LOG, None)
    if log is not None:
        text = "\n".join(log.console) + ("\n\n" + log.describe() if log.describe() else "")
        browser_dir = app.dir.logs / "browser"
        browser_dir.mkdir(exist_ok=True)
        (browser_dir / f"{name}.log").write_text(text + "\n", encoding="utf-8")
        if log.describe():
            item.add_report_section("call", "browser", log.describe())
