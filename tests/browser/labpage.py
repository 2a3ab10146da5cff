"""Drive the course's notebooks in a real JupyterLab with Playwright.

Lesson authors reuse these helpers in ``tests/browser/test_<lesson>.py``; the
fixtures ``page`` (a fresh page, watched by a :class:`Collector`) and
``collector`` come from ``tests/browser/conftest.py``. A lesson test looks
like this (the notebook name is the file's stem)::

    import pytest
    from labpage import (assert_clean, click_button, open_notebook, run_all,
                         screenshot, widget_text)

    @pytest.mark.browser
    def test_decision_tree_answers(page, collector):
        open_notebook(page, "02_who_depends_on_whom")
        run_all(page)
        click_button(page, "Show the tree")             # by visible text ...
        click_button(page, ".lessonlib-check", nth=0)   # ... or by CSS selector
        assert "command" in widget_text(page, ".lessonlib-feedback")
        screenshot(page, "02_who_depends_on_whom-tree")
        assert_clean(page, collector)

The helpers
-----------
``open_notebook(page, name)``
    Open ``notebooks/<name>.ipynb`` (served from a temporary copy) and wait for
    its kernel to be connected and idle.
``run_all(page)``
    Run > Run All Cells from the menu bar, then :func:`wait_for_idle`; returns
    the notebook's state (see :func:`notebook_state`).
``reload_notebook(page)``
    Reload the page (F5) and wait for the notebook and its kernel.
``restart_and_run_all(page)``
    Kernel > Restart Kernel and Run All Cells..., confirm, then wait; returns the state.
``wait_for_idle(page, timeout=...)``
    Wait until the kernel is idle and no cell is queued or running. Run All
    stops at a cell that raised: ``unexecuted_cells(state)`` lists the cells
    it never reached.
``click_button(page, text_or_selector, nth=None)``
    Click a button found by its exact visible text, or by a CSS selector if the
    argument starts with ``.``, ``#`` or ``[``; waits for the kernel's reply.
``widget_text(page, selector, nth=0)``
    The visible text of a rendered element (a widget's feedback, say).
``assert_clean(page, collector)``
    Fail with a readable list if the notebook shows an error output (cells
    tagged ``raises-exception`` may), a widget callback raised, a widget
    failed to render, the page logged a JavaScript error or the browser
    contacted any host but the local server. ``find_problems(page)`` returns
    the notebook's part of that list.
``screenshot(page, name)``
    Save the whole open notebook as ``test-artifacts/screenshots/<name>.png``.
``notebook_state(page)``
    The kernel's status and, per code cell, execution count and errors, read
    from JupyterLab's own model.

Every wait has a timeout and fails with a sentence saying what was awaited.
"""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

from collector import Collector
from server import REPO, VIEWPORT, LabServer

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
#: Screenshots stop here (Chromium's limit for one image is 16384 pixels).
MAX_SCREENSHOT_HEIGHT = 16000

#: Seconds to wait for a whole notebook to run (the slowest lesson, with margin).
RUN_TIMEOUT = 120.0
#: Seconds to wait for JupyterLab to open a notebook and start its kernel.
OPEN_TIMEOUT = 60.0

# --- selectors (checked against JupyterLab 4 and ipywidgets 8) -------------------
NOTEBOOK_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# Error outputs and stderr streams render alike, as a `.jp-OutputArea-output` with
# data-mime-type="application/vnd.jupyter.stderr" (JupyterLab 4 never uses
# "application/vnd.jupyter.error" in the page), so errors are read from the model.
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
WIDGET = ".jupyter-widgets"
# Texts ipywidgets' JupyterLab manager shows instead of a widget (jupyterlab_widgets 3),
# and the view ipywidgets puts where a widget's JavaScript failed.
WIDGET_FAILURES = ("Loading widget...", "Error displaying widget")
WIDGET_ERROR_VIEW = ".jupyter-widgets-error-widget"


# --- the helpers lesson tests use ----------------------------------------------------


def _server(page) -> LabServer:
    server = getattr(page, "lab_server", None)
    if server is None:
        raise RuntimeError("This page was not made by the `page` fixture of tests/browser.")
    return server


def open_notebook(page, name: str) -> None:
    """Open ``notebooks/<name>.ipynb`` (``name`` with or without ``.ipynb``); wait for its kernel."""
    server = _server(page)
    filename = name if name.endswith(".ipynb") else f"{name}.ipynb"
    if not (server.root / filename).is_file():
        available = sorted(p.name for p in server.root.glob("*.ipynb"))
        raise FileNotFoundError(f"No notebook {filename!r}; the course has {available}.")
    page.goto(server.lab_url(f"tree/{filename}"))
    page.locator(f"{NOTEBOOK_PANEL} .jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT * 1000)
    _wait_until(
        page,
        lambda s: s["path"] == filename and _kernel_idle(s),
        OPEN_TIMEOUT,
        f"{filename} open with its kernel connected and idle",
    )


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


def notebook_state(page) -> dict:
    """The open notebook as JupyterLab's model sees it (for tests that need more).

    Keys: ``path``, ``connection`` and ``status`` of the kernel, ``inputs`` (cells
    the kernel has started since the page opened), ``idles``, ``callbackErrors``
    (errors raised outside any cell, in widget callbacks) and ``cells``: per code
    cell ``index``, ``count``, ``running``, ``empty``, ``tags``, ``errors``.
    """
    state = page.evaluate(_PROBE)
    if state is None:
        return {
            "path": None,
            "connection": None,
            "status": None,
            "inputs": 0,
            "idles": 0,
            "callbackErrors": [],
            "cells": [],
        }
    return state


def reload_notebook(page) -> None:
    """Reload the page (as a student pressing F5) and wait for the notebook and its kernel."""
    page.reload()
    page.locator(f"{NOTEBOOK_PANEL} .jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT * 1000)
    _wait_until(page, _kernel_idle, OPEN_TIMEOUT, "the reloaded notebook's kernel to be idle")


def _kernel_idle(state: dict) -> bool:
    return state["connection"] == "connected" and state["status"] == "idle"


def _done(state: dict) -> bool:
    return _kernel_idle(state) and not any(c["running"] for c in state["cells"])


def _wait_until(page, ready, timeout: float, what: str) -> dict:
    deadline = time.monotonic() + timeout
    state = notebook_state(page)
    while not ready(state):
        if time.monotonic() > deadline:
            brief = {k: state[k] for k in ("path", "connection", "status")}
            dialogs = page.locator(".jp-Dialog").all_inner_texts()
            shown = f" A dialog is open: {' | '.join(dialogs)!r}." if dialogs else ""
            raise TimeoutError(
                f"Waited {timeout:.0f} s for {what}; the notebook is {brief}.{shown}"
            )
        page.wait_for_timeout(100)
        state = notebook_state(page)
    return state


def wait_for_idle(page, timeout: float = RUN_TIMEOUT) -> dict:
    """Wait until the kernel is idle and no cell is queued or running; return the state.

    Run All stops at a cell that raised, so the cells after it stay without an
    execution count: check ``unexecuted_cells(state)`` after this returns.
    """
    state = _wait_until(page, _done, timeout, "the kernel to be idle with no cell queued")
    page.wait_for_timeout(200)  # let widget views from the last messages attach
    return state


def unexecuted_cells(state: dict) -> list[int]:
    """Indexes (in the notebook, 0-based) of non-empty code cells with no execution count."""
    return [c["index"] for c in state["cells"] if c["count"] is None and not c["empty"]]


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def _run_and_wait(page, before: dict, timeout: float) -> dict:
    if any(not c["empty"] for c in before["cells"]):
        # Wait for the kernel to start a cell, so the old counts do not pass for new ones.
        _wait_until(
            page,
            lambda s: s["inputs"] > before["inputs"],
            OPEN_TIMEOUT,
            "the kernel to start running the cells",
        )
    return wait_for_idle(page, timeout)


def run_all(page, timeout: float = RUN_TIMEOUT) -> dict:
    """Run every cell from the menu (Run > Run All Cells), wait until done; return the state."""
    before = notebook_state(page)
    _menu(page, "Run", "Run All Cells")
    return _run_and_wait(page, before, timeout)


def restart_and_run_all(page, timeout: float = RUN_TIMEOUT) -> dict:
    """Kernel > Restart Kernel and Run All Cells..., confirm, wait until done; return the state."""
    before = notebook_state(page)
    _menu(page, "Kernel", "Restart Kernel and Run All Cells…")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator(".jp-Dialog").wait_for(state="detached")
    return _run_and_wait(page, before, timeout)


def _is_selector(text: str) -> bool:
    return text.startswith((".", "#", "["))


def click_button(page, text_or_selector: str, nth: int | None = None) -> None:
    """Click a button by its visible text or a CSS selector, then wait for the kernel.

    With several matches, pass ``nth`` (0-based) to say which one; without it
    the match must be unique, so a test never clicks the wrong quiz by luck.
    """
    panel = page.locator(NOTEBOOK_PANEL)
    if _is_selector(text_or_selector):
        button = panel.locator(text_or_selector)
    else:
        button = panel.get_by_role("button", name=text_or_selector, exact=True)
    if nth is not None:
        button = button.nth(nth)
    before = notebook_state(page)
    button.scroll_into_view_if_needed()
    button.click()
    # A widget click reaches the kernel as a comm message, which the kernel answers
    # with busy ... idle; wait for that idle (briefly: a button may need no kernel).
    with contextlib.suppress(TimeoutError):
        _wait_until(page, lambda s: s["idles"] > before["idles"], 5.0, "the click's reply")
    wait_for_idle(page)


def widget_text(page, selector: str, nth: int = 0) -> str:
    """The visible text of the ``nth`` element matching ``selector`` in the notebook."""
    return page.locator(NOTEBOOK_PANEL).locator(selector).nth(nth).inner_text().strip()


def find_problems(page) -> list[str]:
    """What a student would see go wrong in the open notebook (an empty list if nothing).

    Error outputs (except in cells tagged ``raises-exception``, which show an
    error on purpose), errors raised in widget callbacks, tracebacks printed to
    stderr, and widgets that did not render.
    """
    state = notebook_state(page)
    problems = [
        f"cell {c['index']} shows an error: {error}"
        for c in state["cells"]
        if "raises-exception" not in c["tags"]
        for error in c["errors"]
    ]
    problems += [f"a widget callback raised: {error}" for error in state["callbackErrors"]]
    panel = page.locator(NOTEBOOK_PANEL)
    # Output widgets keep their outputs in the widget, not the cell: read those from the page.
    problems += [
        f"an Output widget shows a traceback: {text.strip()[-600:]}"
        for text in panel.locator(f"{WIDGET} {STDERR_OUTPUT}").all_inner_texts()
        if "Traceback" in text
    ]
    body = panel.inner_text()
    problems += [f"a widget shows {failure!r}" for failure in WIDGET_FAILURES if failure in body]
    broken = panel.locator(WIDGET_ERROR_VIEW).count()
    if broken:
        problems.append(f"{broken} widget(s) failed to render (ipywidgets' error view)")
    return problems


def assert_clean(page, collector: Collector) -> None:
    """Fail, listing everything at once, if the notebook or the page shows a problem."""
    problems = find_problems(page) + collector.problems()
    assert not problems, "The notebook in the browser is not clean:\n- " + "\n- ".join(problems)


def screenshot(page, name: str) -> Path:
    """Save the whole open notebook as ``test-artifacts/screenshots/<name>.png``.

    JupyterLab scrolls inside the notebook panel, so a plain full-page
    screenshot would show one screen of it. This makes the window tall enough
    for every cell (up to :data:`MAX_SCREENSHOT_HEIGHT` pixels), takes the
    picture, and restores the window. Returns the path.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    outer = page.locator(f"{NOTEBOOK_PANEL} .jp-WindowedPanel-outer").first
    content, visible = outer.evaluate("el => [el.scrollHeight, el.clientHeight]")
    size = page.viewport_size or VIEWPORT
    tall = min(size["height"] - visible + content, MAX_SCREENSHOT_HEIGHT)
    outer.evaluate("el => { el.scrollTop = 0; }")
    page.set_viewport_size({"width": size["width"], "height": max(tall, size["height"])})
    try:
        page.wait_for_timeout(400)  # JupyterLab lays the panels out again
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)
    return path
