"""Page objects for the course in a real JupyterLab, shaped like Galata's helpers.

Galata (JupyterLab's own Playwright helpers) says ``page.notebook.run()`` and
``page.menu.clickMenuItem("Run>Run All Cells")``; here the same ideas are a
:class:`Lab` (the application in one browser page), the :class:`Notebook` it
opened and the parts of that notebook, such as a :class:`Quiz`. A lesson's
test in ``tests/browser/test_<lesson>.py`` takes the ``lab`` fixture (the
session's JupyterLab page, see ``conftest.py``), opens its notebook (through
``lessons.run_and_check``, which also checks the whole notebook), and finds every
widget by the DOM classes lessonlib's widget modules define in their ``CSS``,
never by a class name typed again::

    import pytest
    from pages import REPLY_MS
    from playwright.sync_api import expect

    from lessonlib.course.quiz import load_quiz
    from lessonlib.widgets.walker import CSS

    pytestmark = pytest.mark.browser

    LESSON = "02_who_depends_on_whom"


    def test_the_walker_decides(lab):
        nb = lab.open(LESSON)                    # notebooks/<LESSON>.ipynb
        nb.run_all()
        nb.click("Decide")                       # a button by its visible text ...
        nb.click(f".{CSS.decide}")               # ... or by a CSS selector
        expect(nb.locator(f".{CSS.result}")).to_contain_text("depends on", timeout=REPLY_MS)

        quiz, question = nb.quiz(LESSON), load_quiz(LESSON).questions[0]
        quiz.select(question, [o for o in question.options if question.is_right(o)])
        expect(quiz.check(question)).to_contain_text("✓ Correct", timeout=REPLY_MS)

        lab.screenshot(f"{LESSON}-walker")       # test-artifacts/screenshots/
        nb.assert_clean()

``Lab`` (fixture ``lab``)
    ``open(name)`` -> :class:`Notebook`: open ``notebooks/<name>.ipynb`` (a
    temporary copy) and wait for its kernel to be connected and idle.
    ``menu.click_menu_item("Kernel>Restart Kernel…")``; ``dialogs()`` (texts
    of open JupyterLab dialogs) and ``accept_dialog()``; ``screenshot(name)``
    (the whole open notebook as ``test-artifacts/screenshots/<name>.png``) and
    ``screenshot_of(locator, name)`` (one element, a widget's cell say);
    ``theme()`` and ``set_theme("JupyterLab Dark")`` (set back after the
    test); ``collector`` (console errors and requests, see ``collector.py``).
``Notebook``
    ``run_all()`` (Run > Run All Cells), ``restart_and_run_all()`` and
    ``run_cells(indexes)`` wait until no cell is queued or running and return
    the :class:`NotebookState`; ``restart()``; ``code_cells(containing)``
    (indexes); ``cell_with(selector)`` (the cell holding a widget);
    ``wait_for_idle()``; ``state()`` (kernel and cells as JupyterLab's model
    sees them); ``unexecuted_cells()`` (Run All stops at a cell that raised:
    these are the cells it never reached); ``set_cell(containing, source)`` and
    ``run_cell(containing)``; ``click(text_or_selector, nth=None)`` (waits for
    the kernel's reply); ``text(selector)``; ``locator(selector)`` and
    ``outputs`` (Playwright locators inside the notebook); ``quizzes()`` (the
    lesson ids of the quizzes shown); ``quiz(lesson)`` -> :class:`Quiz`;
    ``figure_problems()`` (an output image without alt text, a figure shown
    too small to read); ``problems()`` and ``assert_clean()``: fail with a
    readable list if the notebook shows an error output (cells tagged
    ``raises-exception`` may), a widget callback raised, a widget failed to
    render, a figure problem, the page logged a JavaScript error or the browser
    contacted any host but the local server.
``Quiz``
    One quiz, by :mod:`lessonlib.widgets.quiz`'s classes: ``score``,
    ``question(q)``, ``option(q, text)``, ``select(question, options)`` (exactly
    those, as a student clicks them), ``check(q)`` (press Check; returns the
    feedback), ``feedback(q)``, ``reset()``. ``q`` is a question or its id.

Every wait has a timeout and fails with a sentence saying what was awaited;
``expect`` on a widget's reply takes ``timeout=REPLY_MS``.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from collector import Collector
from server import REPO, VIEWPORT, LabServer

from lessonlib.course.quiz import Question
from lessonlib.pictures.sizes import CSS_PX_PER_INCH, MIN_SCALE, MIN_TEXT_PX
from lessonlib.widgets.quiz import CSS as QUIZ
from lessonlib.widgets.quiz import question_class, quiz_class

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
#: Screenshots stop here (Chromium's limit for one image is 16384 pixels).
MAX_SCREENSHOT_HEIGHT = 16000

#: Seconds to wait for a whole notebook to run (the slowest lesson, with margin).
RUN_TIMEOUT = 120.0
#: Seconds to wait for JupyterLab to open a notebook and start its kernel.
OPEN_TIMEOUT = 60.0
#: Milliseconds (Playwright's unit) for one widget round trip through the kernel.
REPLY_MS = 30_000

# --- selectors (checked against JupyterLab 4 and ipywidgets 8) -------------------
NOTEBOOK_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
OUTPUT = ".jp-OutputArea-output"
# Error outputs and stderr streams render alike, as a `.jp-OutputArea-output` with
# data-mime-type="application/vnd.jupyter.stderr" (JupyterLab 4 never uses
# "application/vnd.jupyter.error" in the page), so errors are read from the model.
STDERR_OUTPUT = f'{OUTPUT}[data-mime-type="application/vnd.jupyter.stderr"]'
WIDGET = ".jupyter-widgets"
# Texts ipywidgets' JupyterLab manager shows instead of a widget (jupyterlab_widgets 3),
# and the view ipywidgets puts where a widget's JavaScript failed.
WIDGET_FAILURES = ("Loading widget...", "Error displaying widget")
WIDGET_ERROR_VIEW = ".jupyter-widgets-error-widget"
DIALOG = ".jp-Dialog"


# --- the application ---------------------------------------------------------------


def _screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


class Lab:
    """JupyterLab in one browser page (Galata's ``page``), served by ``server``.

    Watches the page with a :class:`~collector.Collector`; answers the
    browser's "Leave site?" on leaving the page as a student would, and records any
    other browser dialog (alert, confirm) as a problem.
    """

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server
        self.collector = Collector().attach(page)
        self.menu = Menu(page)
        self._first_theme: str | None = None
        page.on("dialog", self._answer_browser_dialog)

    def detach(self) -> None:
        """Stop watching the page (the next test's :class:`Lab` watches it afresh)."""
        self.collector.detach(self.page)
        self.page.remove_listener("dialog", self._answer_browser_dialog)

    def close_documents(self) -> None:
        """Close every open notebook without saving (the served copies stay as they are)."""
        if not self.page.url.startswith(self.server.url):
            return
        try:
            for _ in range(3):  # a dialog a failed test left open
                if not self.page.locator(DIALOG).count():
                    break
                self.page.keyboard.press("Escape")
                self.page.wait_for_timeout(200)
            self.page.evaluate(_CLOSE_ALL)
        except Exception:  # noqa: BLE001 - whatever broke, the next test loads JupyterLab anew
            self.page.goto("about:blank")

    def _answer_browser_dialog(self, dialog) -> None:
        if dialog.type == "beforeunload":
            dialog.accept()
        else:
            self.collector.page_errors.append(
                f"unexpected {dialog.type} dialog: {dialog.message!r}"
            )
            dialog.dismiss()

    def open(self, name: str) -> Notebook:
        """Open ``notebooks/<name>.ipynb`` (``name`` with or without ``.ipynb``); wait for its kernel."""
        filename = name if name.endswith(".ipynb") else f"{name}.ipynb"
        if not (self.server.root / filename).is_file():
            available = sorted(p.name for p in self.server.root.glob("*.ipynb"))
            raise FileNotFoundError(f"No notebook {filename!r}; the course has {available}.")
        if self.page.evaluate(_LAB_LOADED):
            # JupyterLab is already loaded in this page (an earlier test's): open the
            # notebook as the file browser does, sparing JupyterLab's start (seconds).
            self.page.evaluate(_OPEN, filename)
        else:
            self.page.goto(self.server.lab_url(f"tree/{filename}"))
        notebook = Notebook(self, filename)
        notebook.wait_until_open(f"{filename} open with its kernel connected and idle")
        return notebook

    def dialogs(self) -> list[str]:
        """The texts of the JupyterLab dialogs open now (none: an empty list)."""
        return self.page.locator(DIALOG).all_inner_texts()

    def accept_dialog(self) -> None:
        """Press the accepting button of the open JupyterLab dialog; wait until it is gone."""
        self.page.locator(f"{DIALOG} .jp-mod-accept").click()
        self.page.locator(DIALOG).wait_for(state="detached")

    @contextlib.contextmanager
    def _window_at_least(self, height: float) -> Iterator[None]:
        """Make the window ``height`` pixels tall (capped, never shorter) for a while.

        JupyterLab scrolls inside the notebook panel, so what is below the window is
        not in a screenshot; a taller window shows it, and is set back after.
        """
        size = self.page.viewport_size or VIEWPORT
        tall = int(min(height, MAX_SCREENSHOT_HEIGHT))
        try:
            if tall > size["height"]:
                self.page.set_viewport_size({"width": size["width"], "height": tall})
                self.page.wait_for_timeout(400)  # JupyterLab lays the panels out again
            yield
        finally:
            self.page.set_viewport_size(size)

    def screenshot(self, name: str) -> Path:
        """Save the whole open notebook as ``test-artifacts/screenshots/<name>.png``.

        The window grows tall enough for every cell (up to :data:`MAX_SCREENSHOT_HEIGHT`
        pixels) for the picture. Returns the path.
        """
        path = _screenshot_path(name)
        outer = self.page.locator(f"{NOTEBOOK_PANEL} .jp-WindowedPanel-outer").first
        content, visible = outer.evaluate("el => [el.scrollHeight, el.clientHeight]")
        outer.evaluate("el => { el.scrollTop = 0; }")
        size = self.page.viewport_size or VIEWPORT
        with self._window_at_least(size["height"] - visible + content):
            self.page.screenshot(path=str(path))
        return path

    def screenshot_of(self, locator, name: str) -> Path:
        """Save one element (a quiz, a widget's cell) as ``test-artifacts/screenshots/<name>.png``;
        for an element taller than the window, the window grows to fit it."""
        path = _screenshot_path(name)
        height = locator.evaluate("el => el.getBoundingClientRect().height")
        with self._window_at_least(height + 200):  # room for JupyterLab's bars
            locator.scroll_into_view_if_needed()
            locator.screenshot(path=str(path))
        return path

    def theme(self) -> str:
        """The name of JupyterLab's current theme ("JupyterLab Light", say)."""
        return self.page.evaluate("() => document.body.dataset.jpThemeName || ''")

    def set_theme(self, name: str, timeout: float = OPEN_TIMEOUT) -> None:
        """Switch JupyterLab to the theme ``name`` ("JupyterLab Dark", say); wait until shown.

        The theme is a user setting of the session's server, so the ``lab``
        fixture sets the first theme back after the test.
        """
        if self._first_theme is None:
            self._first_theme = self.theme()
        self.page.evaluate(
            "name => window.jupyterapp.commands.execute('apputils:change-theme', {theme: name})",
            name,
        )
        deadline = time.monotonic() + timeout
        while self.theme() != name:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"Waited {timeout:.0f} s for JupyterLab's theme {name!r}; it shows "
                    f"{self.theme()!r} (JupyterLab ships 'JupyterLab Light' and "
                    "'JupyterLab Dark')."
                )
            self.page.wait_for_timeout(100)
        self.page.locator("#jupyterlab-splash").wait_for(
            state="detached", timeout=timeout * 1000
        )

    def restore_theme(self) -> None:
        """Set back the theme :meth:`set_theme` found, if it changed it."""
        if self._first_theme is not None and self.theme() != self._first_theme:
            self.set_theme(self._first_theme)


class Menu:
    """JupyterLab's menu bar (Galata's ``page.menu``)."""

    def __init__(self, page):
        self.page = page

    def click_menu_item(self, path: str) -> None:
        """Click a menu item by its path of exact labels: ``"Run>Run All Cells"``."""
        top, *items = path.split(">")
        self.page.locator(".lm-MenuBar-itemLabel", has_text=_exactly(top)).click()
        for item in items:
            self.page.locator(".lm-Menu-itemLabel", has_text=_exactly(item)).click()


def _exactly(text: str) -> re.Pattern[str]:
    return re.compile(f"^{re.escape(text)}$")


# --- the open notebook, as JupyterLab's model sees it --------------------------------


@dataclass(frozen=True)
class CellState:
    """One code cell: ``index`` in the notebook (0-based), execution ``count`` (None if
    never run), ``running`` (queued or running), ``empty``, ``tags`` and ``errors``."""

    index: int
    count: int | None
    running: bool
    empty: bool
    tags: tuple[str, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class NotebookState:
    """The open notebook: its ``path``, the kernel's ``connection`` and ``status``,
    ``inputs`` (cells the kernel started since the page opened), ``idles``,
    ``callback_errors`` (raised outside any cell, in widget callbacks) and ``cells``."""

    path: str | None
    connection: str | None
    status: str | None
    inputs: int
    idles: int
    callback_errors: tuple[str, ...]
    cells: tuple[CellState, ...]

    @property
    def kernel_idle(self) -> bool:
        return self.connection == "connected" and self.status == "idle"

    @property
    def done(self) -> bool:
        """The kernel is idle and no cell is queued or running."""
        return self.kernel_idle and not any(c.running for c in self.cells)

    def unexecuted_cells(self) -> list[int]:
        """Indexes of non-empty code cells with no execution count."""
        return [c.index for c in self.cells if c.count is None and not c.empty]


NO_NOTEBOOK = NotebookState(None, None, None, 0, 0, (), ())

# One look at the open notebook through JupyterLab's own model (window.jupyterapp,
# exposed by the server flag): the kernel's state and, per code cell, its execution
# count, whether it is queued or running, and its error outputs. The DOM alone cannot
# tell an error output from a stream to stderr, nor a queued cell from a running one.
_PROBE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.content || !panel.content.widgets) return null;
  const session = panel.sessionContext;
  if (!session.__lessonlib) {
    const seen = {inputs: 0, idles: 0, callbackErrors: []};
    session.__lessonlib = seen;
    session.iopubMessage.connect((_, msg) => {
      const type = msg.header.msg_type;
      const parent = msg.parent_header ? msg.parent_header.msg_type : '';
      if (type === 'execute_input') seen.inputs += 1;
      if (type === 'status' && msg.content.execution_state === 'idle') seen.idles += 1;
      // An error raised in a widget's callback (a click) belongs to no cell: JupyterLab
      // shows it in the log console only, so a student sees a dead button. Keep it.
      if (parent !== 'execute_request') {
        if (type === 'error') seen.callbackErrors.push(msg.content.ename + ': ' + msg.content.evalue);
        if (type === 'stream' && msg.content.text.includes('Traceback (most recent call last)'))
          seen.callbackErrors.push(msg.content.text.slice(-600));
      }
    });
  }
  const kernel = session.session ? session.session.kernel : null;
  const cells = [];
  panel.content.widgets.forEach((cell, index) => {
    const model = cell.model;
    if (model.type !== 'code') return;
    const errors = [];
    for (let i = 0; i < model.outputs.length; i++) {
      const out = model.outputs.get(i).toJSON();
      if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
      const text = Array.isArray(out.text) ? out.text.join('') : (out.text || '');
      if (out.output_type === 'stream' && text.includes('Traceback (most recent call last)'))
        errors.push('a traceback printed to ' + out.name + ': ' + text.slice(-600));
    }
    cells.push({index, count: model.executionCount, running: model.executionState === 'running',
                empty: model.sharedModel.getSource().trim() === '',
                tags: model.getMetadata('tags') || [], errors});
  });
  return {path: panel.context.path, connection: kernel ? kernel.connectionStatus : null,
          status: kernel ? kernel.status : null, inputs: session.__lessonlib.inputs,
          idles: session.__lessonlib.idles, callbackErrors: session.__lessonlib.callbackErrors,
          cells};
}"""


_CELLS_CONTAINING = """(text) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const found = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type === 'code' && cell.model.sharedModel.getSource().includes(text))
      found.push(index);
  });
  return found;
}"""

# Select each cell in turn and run it with JupyterLab's own command (it works on cells
# the windowed notebook has not put in the page, which a click could not reach).
_RUN_CELLS = """async (indexes) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  for (const index of indexes) {
    notebook.activeCellIndex = index;
    notebook.deselectAll();
    await app.commands.execute('notebook:run-cell');
  }
}"""


_LAB_LOADED = """() => !!(window.jupyterapp && window.jupyterapp.shell)"""
_OPEN = """async (path) => {
  await window.jupyterapp.commands.execute('docmanager:open', {path});
}"""
# Mark every open document unchanged, then close them all: no "Save changes?" dialog.
_CLOSE_ALL = """async () => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return;
  for (const widget of Array.from(app.shell.widgets('main'))) {
    if (widget.context && widget.context.model) widget.context.model.dirty = false;
  }
  await app.commands.execute('application:close-all');
}"""


# What a student would see go wrong on the page, read in one round trip (a locator
# per image took seconds per check): the panel's text, the widgets ipywidgets could not
# render, the name of each group of radio buttons, and per output image its alt text, lessonlib's data-text-pt, its natural width
# (the width attribute) and the width it is shown at.
_PAGE_PROBLEMS = """(panel, [errorView, output]) => ({
  text: panel.innerText,
  broken: panel.querySelectorAll(errorView).length,
  cut: Array.from(panel.querySelectorAll('.jupyter-widgets button')).filter(
    b => b.offsetWidth > 0 && b.scrollWidth > b.clientWidth + 1).map(b => b.textContent.trim()),
  groups: Array.from(panel.querySelectorAll('fieldset')).map(
    box => (box.querySelector('input[type=radio]') || {}).name).filter(Boolean),
  images: Array.from(panel.querySelectorAll(output + ' img')).map(img => {
    const box = img.getBoundingClientRect();
    return {alt: img.getAttribute('alt'), src: (img.getAttribute('src') || '').slice(0, 40),
            points: img.getAttribute('data-text-pt'), natural: Number(img.getAttribute('width')),
            shown: box.width, visible: box.width > 0 && box.height > 0};
  }),
})"""


def _read_state(page) -> NotebookState:
    raw = page.evaluate(_PROBE)
    if raw is None:
        return NO_NOTEBOOK
    cells = tuple(
        CellState(c["index"], c["count"], c["running"], c["empty"], tuple(c["tags"]),
                  tuple(c["errors"]))
        for c in raw["cells"]
    )
    return NotebookState(raw["path"], raw["connection"], raw["status"], raw["inputs"],
                         raw["idles"], tuple(raw["callbackErrors"]), cells)


class Notebook:
    """The notebook open in the lab (Galata's ``page.notebook``); ``path`` is its file name."""

    def __init__(self, lab: Lab, path: str | None):
        self.lab = lab
        self.page = lab.page
        self.path = path
        self.panel = self.page.locator(NOTEBOOK_PANEL)

    # -- finding things in it
    def locator(self, selector: str, **kwargs):
        """A Playwright locator for ``selector`` inside the notebook."""
        return self.panel.locator(selector, **kwargs)

    @property
    def outputs(self):
        """Every cell output (a locator; ``nb.outputs.filter(has_text=...)``)."""
        return self.panel.locator(OUTPUT)

    def cell_with(self, selector: str):
        """The code cell(s) holding an element that matches ``selector`` (a widget's class)."""
        return self.panel.locator(".jp-CodeCell", has=self.page.locator(selector))

    def cell(self, containing: str):
        """The one code cell whose text contains ``containing``."""
        return self.panel.locator(".jp-CodeCell", has_text=containing)

    def text(self, selector: str, nth: int = 0) -> str:
        """The visible text of the ``nth`` element matching ``selector`` in the notebook."""
        return self.panel.locator(selector).nth(nth).inner_text().strip()

    def quizzes(self) -> list[str]:
        """The lesson ids of the quizzes shown, in order (from their DOM classes)."""
        prefix = quiz_class("")
        classes = self.panel.locator(f".{QUIZ.quiz}").evaluate_all(
            "els => els.map(e => Array.from(e.classList))"
        )
        return [c.removeprefix(prefix) for names in classes for c in names
                if c.startswith(prefix)]

    def quiz(self, lesson: str) -> Quiz:
        """The quiz of ``lesson`` on this notebook."""
        return Quiz(self, lesson)

    # -- the kernel and the cells
    def state(self) -> NotebookState:
        """The open notebook as JupyterLab's model sees it now."""
        return _read_state(self.page)

    def unexecuted_cells(self) -> list[int]:
        """Indexes (0-based) of non-empty code cells with no execution count, now."""
        return self.state().unexecuted_cells()

    def _wait_until(self, ready: Callable[[NotebookState], bool], timeout: float,
                    what: str) -> NotebookState:
        deadline = time.monotonic() + timeout
        state = self.state()
        while not ready(state):
            if time.monotonic() > deadline:
                brief = {"path": state.path, "connection": state.connection,
                         "status": state.status}
                dialogs = self.lab.dialogs()
                shown = f" A dialog is open: {' | '.join(dialogs)!r}." if dialogs else ""
                raise TimeoutError(
                    f"Waited {timeout:.0f} s for {what}; the notebook is {brief}.{shown}"
                )
            self.page.wait_for_timeout(100)
            state = self.state()
        return state

    def wait_until_open(self, what: str) -> NotebookState:
        """Wait for the notebook's cells, then for its kernel to be connected and idle."""
        self.panel.locator(".jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT * 1000)
        return self._wait_until(
            lambda s: (self.path is None or s.path == self.path) and s.kernel_idle,
            OPEN_TIMEOUT,
            what,
        )

    def wait_for_idle(self, timeout: float = RUN_TIMEOUT) -> NotebookState:
        """Wait until the kernel is idle and no cell is queued or running; return the state.

        Run All stops at a cell that raised, so the cells after it stay without an
        execution count: check ``state.unexecuted_cells()`` after this returns.
        """
        state = self._wait_until(lambda s: s.done, timeout,
                                 "the kernel to be idle with no cell queued")
        self.page.wait_for_timeout(200)  # let widget views from the last messages attach
        return state

    def _run_and_wait(self, before: NotebookState, timeout: float) -> NotebookState:
        if any(not c.empty for c in before.cells):
            # Wait for the kernel to start a cell, so the old counts do not pass for new ones.
            self._wait_until(lambda s: s.inputs > before.inputs, OPEN_TIMEOUT,
                             "the kernel to start running the cells")
        return self.wait_for_idle(timeout)

    def run_all(self, timeout: float = RUN_TIMEOUT) -> NotebookState:
        """Run > Run All Cells from the menu bar, wait until done; return the state."""
        before = self.state()
        self.lab.menu.click_menu_item("Run>Run All Cells")
        return self._run_and_wait(before, timeout)

    def restart_and_run_all(self, timeout: float = RUN_TIMEOUT) -> NotebookState:
        """Kernel > Restart Kernel and Run All Cells…, confirm, wait until done; return the state."""
        before = self.state()
        self.lab.menu.click_menu_item("Kernel>Restart Kernel and Run All Cells…")
        self.lab.accept_dialog()
        return self._run_and_wait(before, timeout)

    def restart(self, timeout: float = OPEN_TIMEOUT) -> NotebookState:
        """Kernel > Restart Kernel…, confirm, wait for the new kernel to be idle.

        The cells keep their outputs (a student sees the old ones until they run a cell).
        """
        before = self.state()
        self.lab.menu.click_menu_item("Kernel>Restart Kernel…")
        self.lab.accept_dialog()
        return self._wait_until(lambda s: s.idles > before.idles and s.kernel_idle, timeout,
                                "the restarted kernel to be idle")

    def code_cells(self, containing: str = "") -> list[int]:
        """Indexes of the code cells whose source contains ``containing`` (all: "")."""
        return self.page.evaluate(_CELLS_CONTAINING, containing)

    def run_cells(self, indexes: Iterable[int], timeout: float = RUN_TIMEOUT) -> NotebookState:
        """Run the cells at ``indexes`` one after the other (Run > Run Selected Cell, as a
        student selects a cell and runs it), wait until done; return the state."""
        before = self.state()
        self.page.evaluate(_RUN_CELLS, list(indexes))
        return self._run_and_wait(before, timeout)

    def _edit(self, containing: str):
        editor = self.cell(containing).locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        return editor

    def set_cell(self, containing: str, source: str) -> None:
        """Replace the code of the cell containing ``containing`` by ``source``, as typed."""
        self._edit(containing)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.insert_text(source)

    def run_cell(self, containing: str, timeout: float = RUN_TIMEOUT) -> NotebookState:
        """Run the cell containing ``containing`` (Shift+Enter), wait until done; return the state."""
        before = self.state()
        self._edit(containing)
        self.page.keyboard.press("Shift+Enter")
        return self._run_and_wait(before, timeout)

    # -- acting on widgets
    def click(self, text_or_selector: str, nth: int | None = None) -> None:
        """Click a button by its exact visible text or a CSS selector, then wait for the kernel.

        A selector starts with ``.``, ``#`` or ``[``. With several matches, pass
        ``nth`` (0-based) to say which one; without it the match must be unique,
        so a test never clicks the wrong quiz by luck.
        """
        if text_or_selector.startswith((".", "#", "[")):
            button = self.panel.locator(text_or_selector)
        else:
            button = self.panel.get_by_role("button", name=text_or_selector, exact=True)
        if nth is not None:
            button = button.nth(nth)
        before = self.state()
        button.scroll_into_view_if_needed()
        button.click()
        # A widget click reaches the kernel as a comm message, which the kernel answers
        # with busy ... idle; wait for that idle (briefly: a button may need no kernel).
        with contextlib.suppress(TimeoutError):
            self._wait_until(lambda s: s.idles > before.idles, 5.0, "the click's reply")
        self.wait_for_idle()

    # -- what a student would see go wrong
    def problems(self) -> list[str]:
        """What a student would see go wrong in the notebook (an empty list if nothing).

        Error outputs (except in cells tagged ``raises-exception``, which show an
        error on purpose), errors raised in widget callbacks, tracebacks printed to
        stderr, widgets that did not render, buttons whose label is cut short, and
        :meth:`figure_problems`.
        """
        state = self.state()
        problems = [
            f"cell {c.index} shows an error: {error}"
            for c in state.cells
            if "raises-exception" not in c.tags
            for error in c.errors
        ]
        problems += [f"a widget callback raised: {error}" for error in state.callback_errors]
        # Output widgets keep their outputs in the widget, not the cell: read those from the page.
        problems += [
            f"an Output widget shows a traceback: {text.strip()[-600:]}"
            for text in self.panel.locator(f"{WIDGET} {STDERR_OUTPUT}").all_inner_texts()
            if "Traceback" in text
        ]
        seen = self.panel.evaluate(_PAGE_PROBLEMS, [WIDGET_ERROR_VIEW, OUTPUT])
        problems += [f"a widget shows {failure!r}" for failure in WIDGET_FAILURES
                     if failure in seen["text"]]
        if seen["broken"]:
            problems.append(f"{seen['broken']} widget(s) failed to render (ipywidgets' error view)")
        problems += [f"a button's label is cut short: {label!r}" for label in seen["cut"]]
        shared = sorted({n for n in seen["groups"] if seen["groups"].count(n) > 1})
        if shared:  # the browser treats same-named radios as one group
            problems.append(f"radio groups share a name, so choosing in one unchecks the "
                            f"other: {shared}")
        return problems + self._figure_problems(seen["images"])

    def figure_problems(self) -> list[str]:
        """Output images without alt text, and lessonlib figures shown too small to read.

        A lessonlib figure is an ``<img>`` whose ``width`` is its natural size and whose
        ``data-text-pt`` is its smallest text (see :mod:`lessonlib.pictures.sizes`):
        shown at ``scale``, that text renders at ``points * 100 / 72 * scale`` CSS px.
        """
        return self._figure_problems(self.panel.evaluate(_PAGE_PROBLEMS,
                                                         [WIDGET_ERROR_VIEW, OUTPUT])["images"])

    @staticmethod
    def _figure_problems(images: list[dict]) -> list[str]:
        problems = []
        for img in images:
            alt = (img["alt"] or "").strip()
            if not alt:
                problems.append(f"an output image has no alt text ({img['src']}...)")
            if img["points"] is None or not img["visible"]:
                continue
            scale = img["shown"] / img["natural"] if img["natural"] else 0.0
            text_px = float(img["points"]) * CSS_PX_PER_INCH / 72 * scale
            if scale < MIN_SCALE or text_px < MIN_TEXT_PX:
                problems.append(f"a figure is shown at {scale:.0%} of its natural width, its "
                                f"smallest text at {text_px:.1f} px ({alt[:60]!r})")
        return problems

    def assert_clean(self) -> None:
        """Fail, listing everything at once, if the notebook or the page shows a problem."""
        problems = self.problems() + self.lab.collector.problems()
        assert not problems, "The notebook in the browser is not clean:\n- " + "\n- ".join(problems)


# --- parts of a notebook ---------------------------------------------------------------


def _question_id(question: Question | str) -> str:
    return question if isinstance(question, str) else question.id


def wrong_answer(question) -> list[str]:
    """What to pick (or type) to answer ``question`` wrongly, from the quiz file."""
    from lessonlib.course.quiz import right_number

    if question.kind == "numeric":
        return [str(right_number(question) + 1)]
    wrong = [o for o in question.options if not question.is_right(o)]
    if wrong:
        return [wrong[0]]
    return [question.options[0]]  # every option right: ticking only one is still not quite


def right_answer(question) -> list[str]:
    """What to pick (or type) to answer ``question`` right, from the quiz file."""
    from lessonlib.course.quiz import right_number

    if question.kind == "numeric":
        return [str(right_number(question))]
    return [o for o in question.options if question.is_right(o)]


class Quiz:
    """One quiz shown by :func:`lessonlib.widgets.quiz.quiz`, found by its DOM classes.

    Clicks here do not wait for the kernel: assert on ``score`` or a
    ``feedback(q)`` with ``expect(...).to_...(timeout=REPLY_MS)``.
    """

    def __init__(self, notebook: Notebook, lesson: str):
        self.lesson = lesson
        self.root = notebook.locator(f".{quiz_class(lesson)}")
        #: The running score ("Score: 2 / 4").
        self.score = self.root.locator(f".{QUIZ.score}")

    def question(self, question: Question | str):
        """The box of one question (a :class:`~lessonlib.course.quiz.Question` or its id)."""
        return self.root.locator(f".{question_class(_question_id(question))}")

    def option(self, question: Question | str, text: str):
        """The radio button or tick box labelled exactly ``text`` in a question."""
        return self.question(question).locator(f".{QUIZ.options}").get_by_label(text, exact=True)

    def select(self, question: Question, options: Iterable[str]) -> None:
        """Select exactly ``options``, as a student clicks them: check each; for a
        "tick all that apply" question, untick the others. For a numeric question,
        ``options`` holds the one number to type."""
        chosen = list(options)
        self.question(question).scroll_into_view_if_needed()
        if question.kind == "numeric":  # typed and checked at once, as a student may
            self.number(question).fill(chosen[0] if chosen else "")
            return
        for option in question.options:  # and Check may be pressed at once, as a student may
            control = self.option(question, option)
            if option in chosen:
                control.check()
            elif question.kind == "multiple":
                control.uncheck()

    def number(self, question: Question | str):
        """The text box of a numeric question."""
        return self.question(question).locator(f".{QUIZ.number} input")

    def feedback(self, question: Question | str):
        """The feedback under a question (empty until Check is pressed)."""
        return self.question(question).locator(f".{QUIZ.feedback}")

    def check(self, question: Question | str):
        """Press a question's Check button; return its feedback (a locator)."""
        self.question(question).locator(f".{QUIZ.check} button").click()
        return self.feedback(question)

    def reset(self) -> None:
        """Press "Reset this quiz" and confirm: the answers are forgotten, the score goes
        to 0. (With nothing saved, the quiz says so and offers only "OK".)"""
        button = self.root.locator(f".{QUIZ.reset}")
        button.scroll_into_view_if_needed()
        button.click()
        confirm = self.root.locator(f".{QUIZ.confirm}")
        confirm.wait_for(state="visible", timeout=REPLY_MS)
        yes = confirm.locator(f".{QUIZ.reset_yes}")
        if yes.is_visible():
            yes.click()
        else:
            confirm.locator(f".{QUIZ.reset_no}").click()
        confirm.wait_for(state="hidden", timeout=REPLY_MS)
