"""How long "Run All" takes per lesson, against a kernel that only draws one figure.

Run: ``.venv/bin/python benchmarks/bench_lessons.py [LESSON ...]`` (or ``make bench``).
Each lesson is executed in a fresh kernel with nbclient, as a student's Run All
would (progress goes to a temporary file). The reference is a fresh kernel that
imports matplotlib, networkx and ipywidgets and draws one figure: what any
notebook with a picture and a widget pays anyway. A measurement printed for
people, not a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
REFERENCE = """\
import matplotlib, networkx, ipywidgets
from matplotlib.figure import Figure
from IPython.display import display
fig = Figure(figsize=(4, 3))
fig.add_subplot().plot([0, 1], [0, 1])
display(fig)
"""


def run(nb: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def reference_seconds(repeats: int = 3) -> float:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(REFERENCE)])
    return statistics.median(run(nb, NOTEBOOKS) for _ in range(repeats))


def lesson_seconds(name: str, repeats: int = 3) -> float:
    path = NOTEBOOKS / f"{name}.ipynb"
    return statistics.median(run(nbformat.read(path, as_version=4), NOTEBOOKS)
                             for _ in range(repeats))


def main(argv: list[str]) -> None:
    names = argv or sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LESSONLIB_PROGRESS"] = str(Path(tmp) / "progress.json")
        ref = reference_seconds()
        print(f"lessons: reference kernel (imports, one figure): {ref:.2f} s (median of 3)")
        for name in names:
            seconds = lesson_seconds(name)
            print(f"lessons: {name}: Run All {seconds:.2f} s (median of 3), "
                  f"{seconds / ref:.2f}x the reference")


if __name__ == "__main__":
    main(sys.argv[1:])
