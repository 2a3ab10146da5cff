"""Each student notebook executed once per test run, and shared by every check that reads it.

A student's Run All, in a fresh kernel with a progress file of its own and the
widgets' state kept, is what the static edition renders, what the spoiler test
reads and what the stock check compares (lessonlib.stock): one execution serves
them all. The same kernel then runs the lesson again and in a shuffled order
(the re-run test) as a student's kernel does: reading the stock, recording nothing
(redrawing every figure twice more took half of each lesson's time here). The browser walk and the
instructor edition (which runs the solutions) execute on their own.

Under pytest-xdist the two workers share one folder: whichever needs a lesson
first executes it, the other waits for it (a lock per lesson).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from filelock import FileLock, Timeout
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# What the runs after Run All do; a cell tagged raises-exception shows an error on purpose.
PASSES = ("second Run All", "any order")
_STOP_RECORDING = ("import os; os.environ.pop('LESSONLIB_RECORD_STOCK', None); "
                   "os.environ.pop('LESSONLIB_STOCK', None)")


@dataclass(frozen=True)
class Executed:
    """One lesson's Run All and what the runs after it found."""

    lesson: str
    notebook: nbformat.NotebookNode  # as Run All left it, outputs and widget state kept
    progress: dict  # the progress file after Run All ({"lessons": {}} if none was written)
    rerun_problems: list[str]  # errors of the second Run All and of the shuffled run
    stock: Path  # the stock values this Run All computed (lessonlib.stock's recording)


def _errors(cell) -> list[str]:
    if "raises-exception" in cell.metadata.get("tags", []):
        return []
    return [f"{out.ename}: {out.evalue}" for out in cell.get("outputs", [])
            if out.output_type == "error"]


def _execute(lesson: str, folder: Path) -> None:
    """Run ``lesson`` as described above and write what came of it into ``folder``."""
    work = folder / "work"
    out = folder / lesson
    out.mkdir(parents=True, exist_ok=True)
    progress = out / "progress.json"
    env = {"LESSONLIB_PROGRESS": str(progress), "LESSONLIB_STOCK": "off",
           "LESSONLIB_RECORD_STOCK": str(folder / "stock"),
           "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        nb = nbformat.read(work / f"{lesson}.ipynb", as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                                store_widget_state=True,
                                resources={"metadata": {"path": str(work)}})
        code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
        shuffled = list(code)
        random.Random(lesson).shuffle(shuffled)
        problems = []
        with client.setup_kernel():
            for index in code:
                client.execute_cell(nb.cells[index], index)
            client.set_widgets_metadata()
            run_all = nbformat.from_dict(json.loads(json.dumps(nb)))
            after = progress.read_text(encoding="utf-8") if progress.exists() else None
            client.execute_cell(nbformat.v4.new_code_cell(_STOP_RECORDING), 0)  # nb is copied
            again = nbformat.from_dict(json.loads(json.dumps(nb)))
            for name, order in zip(PASSES, (code, shuffled), strict=True):
                for index in order:
                    client.execute_cell(again.cells[index], index)
                    problems += [f"{name}, cell {index}: {e}" for e in _errors(again.cells[index])]
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    nbformat.write(run_all, out / f"{lesson}.ipynb")
    (out / "progress-after-run-all.json").write_text(after or '{"lessons": {}}',
                                                     encoding="utf-8")
    (out / "rerun.json").write_text(json.dumps(problems), encoding="utf-8")


def executed(lesson: str, folder: Path) -> Executed:
    """``lesson`` executed once in ``folder`` (shared by every worker of the run)."""
    if lesson not in LESSONS:
        raise ValueError(f"no lesson {lesson!r}; lessons: {LESSONS}")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / lesson
    with FileLock(str(folder / f"{lesson}.lock")):
        if not (out / "rerun.json").exists():
            with FileLock(str(folder / "work.lock")):
                if not (folder / "work").exists():  # a scratch copy: a lesson may write there
                    shutil.copytree(NOTEBOOKS, folder / "work",
                                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
            _execute(lesson, folder)
    return Executed(lesson, nbformat.read(out / f"{lesson}.ipynb", as_version=4),
                    json.loads((out / "progress-after-run-all.json").read_text(encoding="utf-8")),
                    json.loads((out / "rerun.json").read_text(encoding="utf-8")),
                    folder / "stock")


def all_executed(folder: Path) -> dict[str, Executed]:
    """Every lesson executed; lessons another worker is executing are waited for last."""
    folder.mkdir(parents=True, exist_ok=True)
    for lesson in LESSONS:  # first the ones nobody is on
        try:
            with FileLock(str(folder / f"{lesson}.lock"), timeout=0):
                pass
        except Timeout:
            continue
        executed(lesson, folder)
    return {lesson: executed(lesson, folder) for lesson in LESSONS}
