"""``--llm-concurrency=N``: ask the model for later cases while earlier cases build and verify.

A case's answer is asked for when its first behaviour test needs it, so without this the
model's latency adds up over the cases of a run. Once the run's items are final (after ``-k``,
``-m``, ``--lf``, ``--llm-shard`` and any other deselection), the :class:`Prefetcher` knows the
cases in run order and sends their first generation ahead, at most N requests at once per model
(each model's ``max_concurrency`` bounds it too), the next one starting as one completes. The
case builder then takes the answer through :meth:`Prefetcher.first_answer` instead of asking.

Only the first generation (round 0) of a case in completion mode is asked ahead, and only of a
model behind an endpoint: a remote model without ``--llm-replay``. The ``reference``, ``dir:``,
``file:`` and ``replay:`` models answer at once from local files, agent mode and ``agent:``
models work in the case's workspace, and repair rounds depend on how the case went.

The request asked ahead is built by the same function as the case builder's
(:func:`pytest_llmcode.pipeline.prompt.first_request`), and :meth:`Prefetcher.first_answer` still
compares the two: when they differ, the answer asked ahead is dropped and the model is asked
directly, so an answer can never go to a case it was not asked for.

With answers on their way, the run's own work per case is what remains: the next case is built
(install, build) in a thread while the run checks the case before it in the browser, one case
ahead at most, and served (launch) too when each case is served in a network of its own
(``--llm-browser-scope=case``, or no sandbox): in the worker's one serving network a case is
served only after the one before has stopped, so that no case can reach another's server. A
served app that no test takes (the run stopped, or went past the case) is stopped.

Off under pytest-xdist: a worker does not know which cases it will be given, so it would ask
for cases that another worker runs (and asks for again).
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable, Generator
from concurrent.futures import CancelledError, Future
from typing import TYPE_CHECKING

import pytest

from pytest_llmcode.models.base import Completion, GenerationRequest, Model
from pytest_llmcode.pipeline.prompt import first_request
from pytest_llmcode.plugin.shard import case_of

if TYPE_CHECKING:
    from pytest_llmcode.pipeline.builder import CaseBuilder
    from pytest_llmcode.pipeline.case import BuiltCase, CaseSpec
    from pytest_llmcode.pipeline.serve import RunningApp

Key = tuple[str, str, int]
Job = tuple["CaseSpec", GenerationRequest, "Future[Completion]"]


def asks_an_endpoint(model: Model) -> bool:
    """Whether the model's answers come over the network (worth asking for ahead)."""
    from pytest_llmcode.models.remote import RemoteModel

    return isinstance(model, RemoteModel) and model.services.replay is None


def _skipped(item: pytest.Item) -> bool:
    """Skipped before its fixtures run, as far as can be told without evaluating conditions."""
    if item.get_closest_marker("skip") is not None:
        return True
    return any(
        any(condition is True for condition in (*mark.args, mark.kwargs.get("condition")))
        for mark in item.iter_markers("skipif")
    )


def cases_in_run_order(items: list[pytest.Item]) -> list[CaseSpec]:
    """The distinct cases the items will build, first needed first."""
    found: dict[Key, CaseSpec] = {}
    for item in items:
        spec = case_of(item)
        if spec is not None and spec.key not in found and not _skipped(item):
            found[spec.key] = spec
    return list(found.values())


def will_run(session: pytest.Session) -> bool:
    option = session.config.option
    if option.collectonly or getattr(option, "setupplan", False):
        return False
    return not (session.testsfailed and not option.continue_on_collection_errors)


def _stop_served(served: Future[RunningApp | None]) -> None:
    app = served.result() if served.exception() is None else None
    if app is not None:
        app.stop()


class Prefetcher:
    """Asks ahead for the first answers of the run's cases (a pytest plugin, see the module)."""

    def __init__(self, builder: Callable[[], CaseBuilder], concurrency: int, build_ahead: bool = False) -> None:
        self._builder = builder  # only called when there is something to ask for
        self.concurrency = concurrency
        self.build_ahead = build_ahead  # build the next case while the run checks the one before
        self._asked: dict[Key, tuple[GenerationRequest, Future[Completion]]] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        # building ahead: the index (in _ahead) of the case the run itself has reached
        self._ahead: dict[Key, int] = {}
        self._served: dict[Key, Future[RunningApp | None]] = {}  # apps served ahead, until a run takes them
        self._serve_ahead: set[Key] = set()  # the cases whose tests use their app
        self._reached = threading.Condition()
        self._position = -1

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session: pytest.Session) -> Generator[None, object, object]:
        # here rather than at pytest_collection_finish: the items are final (after every
        # deselection), and a run that only collects or stops at collection errors asks nothing
        if will_run(session):
            # a case is served ahead only if a test of it will ask for its app
            self._serve_ahead = {spec.key for item in session.items if "llm_app" in getattr(item, "fixturenames", ())
                                 for spec in (case_of(item),) if spec is not None}
            self.start(cases_in_run_order(session.items))
        try:
            return (yield)
        finally:
            self.stop()  # also on Ctrl-C, -x and --maxfail

    def start(self, specs: list[CaseSpec]) -> None:
        """Queue each case's first generation per model, in order, and start the model's threads."""
        queues: dict[str, tuple[Model, collections.deque[Job]]] = {}
        for spec in specs:
            if not asks_an_endpoint(spec.model):
                continue
            builder = self._builder()
            if not builder.strategy(spec.model).asks_first:
                continue
            request = first_request(spec, builder.timeouts)
            if request is None:
                continue
            future: Future[Completion] = Future()
            with self._lock:
                self._asked[spec.key] = (request, future)
            queues.setdefault(spec.model.label, (spec.model, collections.deque()))[1].append((spec, request, future))
        ahead = [spec for spec in specs if spec.key in self._asked]
        self._ahead = {spec.key: index for index, spec in enumerate(ahead)}
        if ahead and self.build_ahead:
            threading.Thread(target=self._build_ahead, args=(self._builder(), ahead), name="llmcode-build-ahead",
                             daemon=True).start()
        for label, (model, queue) in queues.items():
            limit = getattr(getattr(model, "config", None), "max_concurrency", self.concurrency)
            for number in range(min(self.concurrency, limit, len(queue))):
                # daemon threads: a request in flight when the run ends must not hold up its exit
                threading.Thread(target=self._work, args=(queue,), name=f"llmcode-prefetch-{label}-{number}",
                                 daemon=True).start()

    def waiting_for(self, spec: CaseSpec) -> bool:
        """Whether the case's answer asked ahead, or its build ahead, is still to come: the run would
        wait for it (and has time for something else)."""
        with self._lock:
            asked, served = self._asked.get(spec.key), self._served.get(spec.key)
        return (asked is not None and not asked[1].done()) or (served is not None and not served.done())

    def _work(self, queue: collections.deque[Job]) -> None:
        while not self._stopped.is_set():
            try:
                spec, request, future = queue.popleft()
            except IndexError:
                return
            if not future.set_running_or_notify_cancel():
                continue  # cancelled: the run ended, or the case asked differently
            try:
                future.set_result(spec.model.generate(request))
            except BaseException as exc:  # the case builder gets it, as from a direct call
                future.set_exception(exc)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        spec = case_of(item)
        index = self._ahead.get(spec.key, -1) if spec is not None else -1
        with self._reached:
            if index > self._position:
                self._position = index
                self._reached.notify_all()
        with self._lock:  # served ahead for a case the run has gone past without using its app
            passed = [key for key, served in self._served.items() if self._ahead[key] < index and served.done()]
            stale = [self._served.pop(key) for key in passed]
        for served in stale:
            _stop_served(served)

    def _build_ahead(self, builder: CaseBuilder, specs: list[CaseSpec]) -> None:
        """Build and serve the next case (install, build, launch: subprocesses in its sandbox)
        while the run checks the one before in the browser, never more than one case ahead: its
        answer was asked for ahead, so only these stood between it and its checks. The run's own
        ``build`` of that case waits for this one (a lock per case) and takes its result; its
        ``llm_app`` takes the app served here (see :meth:`app_for`)."""
        for index, spec in enumerate(specs):
            with self._reached:
                while self._position < index - 1 and not self._stopped.is_set():
                    self._reached.wait(0.5)
                if self._stopped.is_set():
                    return
                if index <= self._position:
                    continue  # the run got there first: it builds and serves the case itself
                served: Future[RunningApp | None] = Future()
                with self._lock:
                    self._served[spec.key] = served
            served.set_running_or_notify_cancel()
            try:
                case = builder.build(spec)
            except Exception:  # the run's own build of the case meets it again
                served.set_result(None)
                continue
            try:
                # never served ahead into the network where the case before is still checked
                serve = (spec.key in self._serve_ahead and case.failure is None and case.error is None
                         and not builder.serves_in_one_network)
                served.set_result(builder.launch(case) if serve else None)
            except BaseException as exc:  # the run's llm_app meets it, as if it had served the case
                served.set_exception(exc)
            with self._lock:  # the run ended before it reached the case: nobody will take its app
                unused = self._stopped.is_set() and self._served.pop(spec.key, None) is served
            if unused:
                _stop_served(served)
        # bubblewrap's --die-with-parent ends a sandbox when the thread that started it ends: this
        # thread lives until the run is over, or the apps it served would die in their checks
        self._stopped.wait()

    def app_for(self, case: BuiltCase) -> RunningApp:
        """The case's app for ``llm_app``: served ahead (waited for), else served now. Taken
        once: a case served again (after a repair round) is launched anew."""
        with self._lock:
            served = self._served.pop(case.spec.key, None)
        app = served.result() if served is not None else None
        return app if app is not None else self._builder().launch(case)

    def first_answer(self, spec: CaseSpec, request: GenerationRequest) -> Completion:
        """The case's first answer (:class:`~pytest_llmcode.pipeline.events.FirstAnswers`): the one
        asked ahead (waited for), else the model's now. An
        error of the generation asked ahead is raised as the direct call would have raised it."""
        with self._lock:
            asked = self._asked.pop(spec.key, None)  # each answer is used once
        if asked is not None:
            prefetched, future = asked
            if prefetched == request:
                try:
                    return future.result()
                except CancelledError:
                    pass  # stopped before it was sent: ask now
            else:
                future.cancel()  # not this request's answer; if already sent, it is wasted
        return spec.model.generate(request)

    def stop(self) -> None:
        """Cancel what was not sent yet. A generation in flight for a case that is never built (the
        run was interrupted or stopped early) is wasted: its thread is left to finish or die with
        the process, and its answer still goes to the response cache and any --llm-record cassette."""
        self._stopped.set()
        with self._lock:
            asked, self._asked = self._asked, {}
        for _, future in asked.values():
            future.cancel()
        with self._lock:  # apps served ahead that no case took; one still starting stops itself
            done = {key: served for key, served in self._served.items() if served.done()}
            for key in done:
                del self._served[key]
        for served in done.values():
            _stop_served(served)
