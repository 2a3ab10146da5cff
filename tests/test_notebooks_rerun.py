"""Lessons survive how students run them: twice in a row, and cell by cell in any order.

A student runs a lesson, runs it all again, then goes back and re-runs cells here and
there. Every lesson must take that in one kernel with no error: each pass runs in the
same kernel as the one before, so a cell that relies on state another cell left behind
(or breaks what a later cell needs) fails here. Cells tagged ``raises-exception`` show an
error on purpose and are allowed to.
"""

from __future__ import annotations

import pytest

from tests.executed import LESSONS, executed


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_runs_twice_then_in_any_order_in_one_kernel(lesson, executions):
    # tests/executed.py runs the lesson, then again, then its cells shuffled, in one kernel.
    problems = executed(lesson, executions).rerun_problems
    assert problems == [], f"{lesson} does not survive being re-run:\n" + "\n".join(problems)
