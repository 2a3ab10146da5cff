"""Notebooks are stored clean: no outputs, counts or widget state, a Python 3 kernel."""

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_and_clean(path):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert nb.nbformat == 4
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["kernelspec"]["language"] == "python"
    assert "widgets" not in nb.metadata, "widget state is stored in the notebook"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if "keep_output" in tags:
            assert "nbval-check-output" in tags, f"cell {index}: checked output not checked"
            for out in cell.outputs:
                assert out.output_type in ("stream", "execute_result", "display_data"), \
                    f"cell {index}"
                if out.output_type != "stream":
                    # Text a lesson shows is lessonlib's HTML (cards/), with its plain text:
                    # nbval compares both. Nothing else rich (images, widgets) is stored.
                    assert set(out.data) in ({"text/plain"}, {"text/plain", "text/html"}), \
                        f"cell {index}: rich output kept"
                    html = "".join(out.data.get("text/html", "<div class=\"lessonlib-"))
                    assert html.startswith('<div class="lessonlib-'), \
                        f"cell {index}: HTML that is not lessonlib's kept"
        else:
            assert cell.outputs == [], f"cell {index} carries outputs"
            assert cell.execution_count is None, f"cell {index} carries an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small(path):
    assert path.stat().st_size < 200_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_links_point_to_existing_notebooks(path):
    import re

    nb = nbformat.read(path, as_version=4)
    names = {p.name for p in NOTEBOOKS}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([^)#]+\.ipynb)", cell.source):
                assert target in names, f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_lesson_says_at_its_top_where_run_all_is(path):
    """The cell after the first code cell shows the run status line
    (lessonlib.widgets.status), so after Run All the lesson says it ran and the view is back."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) > 1 and "run_status()" in code[1].source, (
        f"{path.name}: add a cell 'from lessonlib import run_status\\n\\nrun_status()' right "
        "after the first code cell")
