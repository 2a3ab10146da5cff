"""Set-up shared by every test: a learner's own files are never touched.

At the start of each pytest run (``pytest_configure``, before any test or
notebook kernel starts):

- ``LESSONLIB_PROGRESS`` points at a fresh temporary file, so quiz answers
  given by tests, nbval runs and browser runs never reach the real progress
  file; the directory is removed at the end of the run;
- matplotlib uses the non-GUI ``Agg`` backend in this process, so no test
  opens a window. It is set with ``matplotlib.use`` rather than the
  ``MPLBACKEND`` environment variable, which notebook kernels started by
  nbval would inherit: they keep the inline backend a student's kernel uses.
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import Phase, settings

# Property tests (tests/test_properties.py): few examples per callable by default, so
# `make test` stays quick, and derandomized, so every run (CI's included) tries the same
# examples and a green build stays green; HYPOTHESIS_PROFILE=thorough or hunt draw new
# examples each run to find new bugs. No example database.
settings.register_profile("default", max_examples=12, database=None, derandomize=True)
settings.register_profile("thorough", max_examples=300, database=None)
# Many examples, failures reported as found (not shrunk): for fixing several bugs at once.
settings.register_profile("hunt", max_examples=60, database=None,
                          phases=[Phase.explicit, Phase.generate])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

_MARK = "_LESSONLIB_TEST_TMP"  # set once per run: the first configure wins


def isolate_environment() -> str | None:
    """Point ``LESSONLIB_PROGRESS`` at a temporary file; return the directory made.

    Returns None if this run already has one (a pytest started by a test, say):
    only the run that made the directory removes it.
    """
    existing = os.environ.get(_MARK)
    if existing and os.path.isdir(existing):
        return None
    tmp = tempfile.mkdtemp(prefix="lessonlib-tests-")
    os.environ[_MARK] = tmp
    os.environ["LESSONLIB_PROGRESS"] = os.path.join(tmp, "progress.json")
    try:
        import matplotlib
    except ImportError:
        pass
    else:
        matplotlib.use("Agg")
    return tmp


def pytest_configure(config: pytest.Config) -> None:
    # Also called from the repository's root conftest.py: `pytest notebooks/...`
    # loads that file but never this one. The second call finds the work done.
    tmp = isolate_environment()
    if tmp:
        config._lessonlib_tmp = tmp


def pytest_unconfigure(config: pytest.Config) -> None:
    tmp = getattr(config, "_lessonlib_tmp", None)
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
        os.environ.pop(_MARK, None)
        config._lessonlib_tmp = None


def pytest_ignore_collect(collection_path, config: pytest.Config) -> bool | None:
    # conftest.py files hold fixtures, not doctests. With --doctest-modules pytest
    # would import each one again, all under the one module name "conftest", and
    # fail on the second ("import file mismatch"). pytest loads them as conftests anyway.
    if collection_path.name == "conftest.py":
        return True
    return None


APART = ("tests/browser/", "tests/test_speed.py")  # one scheduling unit per test


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """How ``make test`` (``pytest -n 2``) shares the tests between its two workers.

    Each browser test is a unit of its own: they are the heavy ones, and each
    worker that runs any starts its own JupyterLab and Chromium once. So is each
    speed guard (a lesson's Run All, about three seconds): in one unit they were
    the last half-minute of one worker while the other stood idle. Every other
    file is one unit, so a module's expensive fixture (the two editions) is built
    once and a notebook's cells share one kernel under nbval. Units go out in
    collection order, the browser tests first, so the light files fill the end.

    (pytest-xdist's ``--dist loadgroup`` would say this with markers, but it
    renames test ids in a way pytest 9.2 no longer sees.)
    """
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsApart(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            config.option.loadscopereorder = False  # keep the collection order

        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(APART):
                return nodeid
            return nodeid.split("::", 1)[0]

    return BrowserTestsApart(config, log)


@pytest.fixture(scope="session")
def executions(tmp_path_factory, worker_id) -> Path:
    """Where each student notebook is executed once for this run (tests/executed.py)."""
    base = tmp_path_factory.getbasetemp()
    return (base if worker_id == "master" else base.parent) / "executed"


@pytest.fixture
def progress_path() -> str:
    """The progress file this test run writes to (never the learner's own)."""
    return os.environ["LESSONLIB_PROGRESS"]


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure a test or doctest drew, so docstrings need no clean-up."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def fresh_progress(tmp_path, monkeypatch):
    """A progress file of this test's own (not yet written), and no notice left over."""
    from lessonlib.course.progress import take_notices

    path = tmp_path / "progress.json"
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(path))
    take_notices()
    return path


# --------------------------------------------------------------------------- quiz data
# Two questions in the plain (authoring) form, one of each kind, shared by the quiz
# engine's tests and the widget's. Copy before changing: `copy.deepcopy(SINGLE)`.

SINGLE = {
    "id": "event-is",
    "prompt": "An event is `...`",
    "options": ["a fact about the past", "a request to act", "a <b>bold</b> claim"],
    "correct": "a fact about the past",
    "feedback": {
        "a fact about the past": "Yes: it already happened.",
        "a request to act": "That is a command.",
        "a <b>bold</b> claim": "Markup stays text.",
    },
    "explanation": "The emitter does not know who reacts.",
    "hints": ["Past tense?", "Who must act?"],
}
MULTIPLE = {
    "id": "which-commands",
    "kind": "multiple",
    "prompt": "Which are commands?",
    "options": ["ShipGoods", "GoodsShipped", "RetrievePayment"],
    "correct": ["ShipGoods", "RetrievePayment"],
    "feedback": {
        "ShipGoods": "Command: ship!",
        "GoodsShipped": "Event: it happened.",
        "RetrievePayment": "Command: pay!",
    },
    "explanation": "Imperative vs past tense.",
}


def concept_answers(form: str, right) -> dict[str, list[str]]:
    """An answer to every item of the concept check's ``form``: right for the item ids in
    ``right``, wrong for the others (shared by the course tests and the browser walk)."""
    from lessonlib.course.concept_check import form_items
    from lessonlib.course.quiz import right_number

    right = set(right)
    found = {}
    for a in form_items(form):
        q = a.question
        if q.kind == "numeric":
            n = right_number(q)
            found[a.key] = [str(n if a.key in right else n + 1)]
        else:
            found[a.key] = [next(o for o in q.options if q.is_right(o) == (a.key in right))]
    return found


@pytest.fixture
def demo_questions() -> list[dict]:
    """Fresh copies of SINGLE and MULTIPLE, to change freely."""
    return [copy.deepcopy(SINGLE), copy.deepcopy(MULTIPLE)]

