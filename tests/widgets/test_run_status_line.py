"""The run status line's kernel side: it counts the cells that ran after its own, and stops
counting at the first that raised (the page's side is tests/browser/test_run_status.py)."""

from __future__ import annotations

from types import SimpleNamespace

from lessonlib.widgets import status
from lessonlib.widgets.status import RunStatus


def _ran(count: int, success: bool = True):
    return SimpleNamespace(execution_count=count, success=success)


def test_the_line_counts_the_cells_after_its_own_until_one_raises():
    line = RunStatus()  # shown by cell 2
    for result in (_ran(2), _ran(3), _ran(4), _ran(5, success=False), _ran(6)):
        line.count(result)
    assert (line.ran, line.failed) == (3, True)


def test_the_newest_line_is_the_one_the_kernel_reports_to(monkeypatch):
    monkeypatch.setattr(status, "_FOLLOWED", {})
    old, new = RunStatus(), RunStatus()
    status._after_cell(_ran(40))  # the cell that showed them
    status._after_cell(_ran(41))
    assert (old.ran, new.ran) == (0, 1)


def test_a_static_page_says_the_cells_ran_when_it_was_made():
    bundle = RunStatus()._repr_mimebundle_()
    assert "Every cell of this page ran" in bundle["text/html"]
    assert bundle["text/plain"].startswith("Every cell of this page ran")
