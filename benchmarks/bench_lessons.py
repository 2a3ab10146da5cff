"""Each lesson's Run All and kernel memory, side by side with the floor, in one run.

Run: ``.venv/bin/python benchmarks/bench_lessons.py [--rounds 3] [LESSON ...]`` (or
``make bench``). Each lesson runs in a fresh kernel with nbclient, as a student's Run
All would (progress goes to a temporary file, the course's stock figures and lab days
are read as a student's kernel reads them). The floor is a fresh kernel that imports
matplotlib, networkx and ipywidgets and draws one figure: what any notebook with a
picture and a widget pays anyway. Every round runs the floor, then each lesson, so
load on the machine weighs on both alike; the table gives medians over the rounds:

* **Run All**: from starting the kernel to the last cell's end (seconds), and its
  ratio to the floor's (the course's aim: 1.5x or less);
* **first cell**: the first code cell, from the kernel being ready (the aim: 1 s);
* **RSS**: the kernel's resident memory after Run All (MB), and its ratio to the
  floor's (the aim: 1.2x or less); **USS**: what shutting the kernel down gives back.

A measurement printed for people, not a test: ``tests/test_speed.py`` only guards
against a large regression. docs/instructor-guide.md turns the memory into sizing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MB = 1024 * 1024
FLOOR = """\
import matplotlib, networkx, ipywidgets
from matplotlib.figure import Figure
from IPython.display import display
fig = Figure(figsize=(4, 3))
fig.add_subplot().plot([0, 1], [0, 1])
display(fig)
"""
#: The course's aims (issue 26): Run All and kernel memory against the floor, first cell.
AIMS = {"run_all": 1.5, "rss": 1.2, "first_cell": 1.0}


@dataclass(frozen=True)
class Run:
    """One Run All in a fresh kernel."""

    seconds: float  # kernel start to the end of the last cell
    first_cell: float  # the first code cell, from the kernel being ready
    rss: float  # MB after Run All
    uss: float


def run_all(nb: nbformat.NotebookNode, cwd: Path = NOTEBOOKS) -> Run:
    """Run every cell of ``nb`` in a fresh kernel, timed, and read the kernel's memory."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    first = None
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            began = time.perf_counter()
            client.execute_cell(cell, index)
            if first is None and cell.cell_type == "code":
                first = time.perf_counter() - began
        seconds = time.perf_counter() - start
        info = psutil.Process(client.km.provisioner.pid).memory_full_info()
    return Run(seconds, first or 0.0, info.rss / MB, info.uss / MB)


def floor_notebook() -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])


def lesson_notebook(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def measure(names: list[str], rounds: int = 3) -> dict[str, Run]:
    """Median Run of the floor and of each lesson over ``rounds`` rounds."""
    runs: dict[str, list[Run]] = {"floor": [], **{n: [] for n in names}}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LESSONLIB_PROGRESS"] = str(Path(tmp) / "progress.json")
        for _ in range(rounds):
            runs["floor"].append(run_all(floor_notebook()))
            for name in names:
                runs[name].append(run_all(lesson_notebook(name)))
    return {name: Run(*(statistics.median(getattr(r, f) for r in found)
                        for f in ("seconds", "first_cell", "rss", "uss")))
            for name, found in runs.items()}


def table(found: dict[str, Run]) -> str:
    floor = found["floor"]
    rows = [f"{'lesson':34} {'Run All s':>9} {'x floor':>7} {'first cell s':>12} "
            f"{'RSS MB':>7} {'x floor':>7} {'USS MB':>7}"]
    for name, run in found.items():
        rows.append(f"{name:34} {run.seconds:9.2f} {run.seconds / floor.seconds:7.2f} "
                    f"{run.first_cell:12.2f} {run.rss:7.0f} {run.rss / floor.rss:7.2f} "
                    f"{run.uss:7.0f}")
    worst = max((n for n in found if n != "floor"), key=lambda n: found[n].seconds)
    heaviest = max((n for n in found if n != "floor"), key=lambda n: found[n].rss)
    rows.append(f"slowest: {worst} ({found[worst].seconds / floor.seconds:.2f}x, aim "
                f"{AIMS['run_all']}x); heaviest: {heaviest} "
                f"({found[heaviest].rss / floor.rss:.2f}x, aim {AIMS['rss']}x)")
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    names = args.lessons or sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    load = " ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"lessons: Run All and kernel memory, median of {args.rounds} rounds "
          f"(load average {load} at the start)")
    print(table(measure(names, args.rounds)))


if __name__ == "__main__":
    main(sys.argv[1:])
