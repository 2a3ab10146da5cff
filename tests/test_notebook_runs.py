"""Each notebook is executed where a check needs it, and no more often.

``make test`` executes every student notebook in the static edition
(tests/test_editions.py) and in the browser (tests/browser/), and the
instructor edition under nbval (tests/test_editions.py), which compares the
cells tagged ``nbval-check-output``. nbval does not run the student notebooks
a third time; that is sound only while the instructor edition carries every
checked cell of the student notebooks unchanged, which this file checks.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHECKED = "nbval-check-output"


def _instructor():
    spec = importlib.util.spec_from_file_location(
        "build_instructor", ROOT / "scripts" / "build_instructor.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def checked_cells(nb) -> list[tuple[str, list[str], list[dict]]]:
    """(source, tags, outputs) of every cell whose output nbval compares."""
    return [(cell.source, cell.metadata.get("tags", []), cell.outputs)
            for cell in nb.cells
            if cell.cell_type == "code" and CHECKED in cell.metadata.get("tags", [])]


def test_some_notebooks_have_checked_outputs():
    assert sum(len(checked_cells(nbformat.read(p, as_version=4))) for p in NOTEBOOKS) >= 10


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_instructor_edition_carries_every_checked_cell_unchanged(path):
    instructor = _instructor()
    student = nbformat.read(path, as_version=4)
    notes = ROOT / "instructor" / f"{path.stem}.md"
    sections = instructor.parse(notes) if notes.exists() else []
    edition = instructor.instructor_edition(student, sections, path.name)
    assert checked_cells(edition) == checked_cells(student)


def test_an_exercise_cell_is_never_a_checked_cell():
    # A solution replaces an exercise cell's source: its output could not be compared
    # in both editions at once.
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            tags = cell.metadata.get("tags", [])
            assert not (CHECKED in tags and any(t.startswith("exercise:") for t in tags)), path


def test_the_default_run_leaves_the_student_notebooks_to_the_editions_and_the_browser():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    assert "notebooks" not in options["ini_options"]["testpaths"]
    editions = (ROOT / "tests" / "test_editions.py").read_text()
    assert "--nbval-lax" in editions and "build_html.py" in editions
