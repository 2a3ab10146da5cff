"""The run status line (lessonlib.widgets.status) in a real JupyterLab: it follows Run All,
says where a run stopped, and leaves a run of chosen cells alone.

Each lesson's walk (lessons.run_and_check) checks the line after Run All ("ran to the end",
back in view); here a notebook written for the test shows the other endings.
"""

from __future__ import annotations

import nbformat
import pytest
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.widgets.status import CSS

pytestmark = pytest.mark.browser

STATUS_CELL = "from lessonlib import run_status\n\nrun_status()"
FILLER = [f"value_{n} = {n}\nvalue_{n}" for n in range(12)]  # a notebook taller than the window


def _notebook(lab_server, name: str, cells: list[str]) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson\n\nIts first lines.")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, lab_server.root / f"{name}.ipynb")
    return name


@pytest.fixture
def written(lab_server):
    names = []
    yield lambda name, cells: names.append(name) or _notebook(lab_server, name, cells)
    for name in names:
        (lab_server.root / f"{name}.ipynb").unlink(missing_ok=True)


def test_run_all_ends_back_at_the_top_saying_so(lab, written):
    nb = lab.open(written("zz_status_whole", [STATUS_CELL, "import time\ntime.sleep(2)",
                                              *FILLER]))
    nb.run_all()
    status = nb.locator(f".{CSS}")
    expect(status).to_contain_text(f"The lesson ran to the end ({2 + len(FILLER)} code cells",
                                   timeout=REPLY_MS)
    expect(status.locator("[role=status]")).to_have_count(1)
    expect(status).to_be_in_viewport(timeout=REPLY_MS)
    expect(nb.locator(".jp-CodeCell").last).not_to_be_in_viewport()
    assert nb.locator(f".{CSS}").evaluate("el => el.closest('.jp-Cell') !== null")


def test_a_run_that_stops_says_where_and_one_cell_alone_says_ready(lab, written):
    nb = lab.open(written("zz_status_error", [STATUS_CELL, "x = 1", "1 / 0",
                                              "print('never reached')"]))
    nb.run_all()
    status = nb.locator(f".{CSS}")
    expect(status).to_contain_text("Run All stopped at code cell 3 of 4, which shows an error",
                                   timeout=REPLY_MS)
    nb.run_cells([nb.code_cells("run_status")[0]])
    expect(status).to_contain_text("Lesson ready", timeout=REPLY_MS)
    nb.run_cells([nb.code_cells("run_status")[0], nb.code_cells("x = 1")[0]])
    expect(status).to_contain_text("Ran 2 code cells; the view stays where you are.",
                                   timeout=REPLY_MS)
