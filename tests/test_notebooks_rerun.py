"""Lessons survive how students run them: twice in a row, and cell by cell in any order.

A student runs a lesson, runs it all again, then goes back and re-runs cells here and
there. Every lesson must take that in one kernel with no error: each pass runs in the
same kernel as the one before, so a cell that relies on state another cell left behind
(or breaks what a later cell needs) fails here. Cells tagged ``raises-exception`` show an
error on purpose and are allowed to.
"""

from __future__ import annotations

import random
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _errors(cell) -> list[str]:
    if "raises-exception" in cell.metadata.get("tags", []):
        return []
    return [f"{out.ename}: {out.evalue}" for out in cell.get("outputs", [])
            if out.output_type == "error"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_runs_twice_then_in_any_order_in_one_kernel(lesson):
    nb = nbformat.read(NOTEBOOKS / f"{lesson}.ipynb", as_version=4)
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    shuffled = list(code)
    random.Random(lesson).shuffle(shuffled)
    passes = {"first Run All": code, "second Run All": code, "any order": shuffled}
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    problems = []
    with client.setup_kernel():
        for name, order in passes.items():
            for index in order:
                cell = nb.cells[index]
                client.execute_cell(cell, index)
                problems += [f"{name}, cell {index}: {e}" for e in _errors(cell)]
    assert problems == [], f"{lesson} does not survive being re-run:\n" + "\n".join(problems)
