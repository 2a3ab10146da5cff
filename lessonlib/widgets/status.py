"""Where a student is after Run All: one line at the top of each lesson.

JupyterLab shows only ``[*]`` beside the cells while a lesson runs, and leaves the view
at its last cell (the quiz). :func:`run_status`, called in a lesson's first code cell,
shows a line there that says the lesson is running, then that it ran to the end (or
where Run All stopped), and brings the view back to the top when a whole run is over; a
run of cells chosen by hand leaves the view where it is. The kernel counts the cells that
ran after the line (an IPython ``post_run_cell`` hook: ``ran``, and ``failed`` once one
raised); the page sees which cells still wait (``static/status.js`` reads their ``[*]``
prompts). The sentences are here. The line is a ``role="status"`` region: a screen
reader hears the start and the end, not each cell.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from lessonlib.widgets.choice import FORMS_CSS
from lessonlib.widgets.html import static_form

__all__ = ["RunStatus", "run_status", "CSS"]

#: The DOM class of the line (the browser tests read it from here).
CSS = "lessonlib-run-status"

READY = ("Lesson ready: run the cells one by one with Shift+Enter, or all of them with "
         "Run > Run All Cells.")
RUNNING = "Running the lesson... The view comes back here when every cell has run."
FINISHED = ("✓ The lesson ran to the end ({cells} code cells in {seconds} s). You are at its "
            "top: read on from here; the quiz waits at the bottom.")
STOPPED = ("Run All stopped at code cell {cell} of {total}, which shows an error: fix it or "
           "run it again, then run the cells below it.")
PARTIAL = "Ran {cells} code cells; the view stays where you are."


class RunStatus(anywidget.AnyWidget):
    """The line (see the module). ``state`` is what the page last saw: ``"ready"``,
    ``"finished"``, ``"stopped"`` or ``"partial"`` (empty until it looked)."""

    _esm = Path(__file__).resolve().parent / "static" / "status.js"
    _css = FORMS_CSS

    ready = traitlets.Unicode(READY).tag(sync=True)
    running = traitlets.Unicode(RUNNING).tag(sync=True)
    finished = traitlets.Unicode(FINISHED).tag(sync=True)
    stopped = traitlets.Unicode(STOPPED).tag(sync=True)
    partial = traitlets.Unicode(PARTIAL).tag(sync=True)
    state = traitlets.Unicode("").tag(sync=True)
    #: Cells the kernel ran after this line's own (until one raised), and whether one did.
    ran = traitlets.Int(0).tag(sync=True)
    failed = traitlets.Bool(False).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class(CSS)
        shell = _shell()
        self._own_cell_done = False  # the first cell to end is the one showing this line
        _FOLLOWED["status"] = self  # the newest line counts; an older one stops
        if shell is not None and not _FOLLOWED.get("hooked"):
            shell.events.register("post_run_cell", _after_cell)
            _FOLLOWED["hooked"] = True

    def count(self, result) -> None:
        """One cell has run (``result`` is IPython's ExecutionResult)."""
        if not self._own_cell_done:
            self._own_cell_done = True
            return
        if self.failed:
            return  # after a cell that raised: Run All stopped there
        self.ran += 1
        if not result.success:
            self.failed = True

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # anywidget answers (data, metadata)
            bundle = bundle[0]
        return static_form(bundle, '<p class="lessonlib-static-note">Every cell of this page '
                                   "ran when it was made, top to bottom.</p>")


#: The line the kernel reports to (the newest shown), and whether the hook is in place.
_FOLLOWED: dict = {}


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _after_cell(result) -> None:
    status = _FOLLOWED.get("status")
    if status is not None:
        status.count(result)


def run_status() -> None:
    """Show the line that says where Run All is (see the module); call it in a lesson's
    first code cell. Introduced in ``00_start_here.ipynb``.

    >>> RunStatus().state  # the page sets it once it has looked
    ''
    """
    from IPython.display import display

    display(RunStatus())
