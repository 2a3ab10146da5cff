"""The browser checks can fail: a notebook with every kind of fault is caught.

A notebook written for this test (and removed after it) prints the kernel's
Python (it must be this virtualenv's), then has an error cell, a
cell Run All therefore never reaches, a button whose callback raises, an
image from another host, a JavaScript console error and two radio groups under one
name. Each must be reported.
"""

from __future__ import annotations

import sys

import nbformat
import pytest

pytestmark = pytest.mark.browser

FAULTY_CELLS = [
    "import sys\n\nprint(sys.executable)",
    "import ipywidgets as widgets\n\n"
    'button = widgets.Button(description="Break")\n\n\n'
    "def fail(_button):\n"
    '    raise ValueError("harness: the callback failed")\n\n\n'
    "button.on_click(fail)\n"
    "button",
    "from IPython.display import HTML, Javascript, display\n\n"
    'display(HTML(\'<img src="http://example.invalid/pixel.png" alt="">\'))\n'
    "display(Javascript(\"console.error('harness: a console error')\"))\n"
    # two radio groups under one name (the sanitizer keeps no inputs: JavaScript adds them)
    "display(HTML('<div class=\"harness-radios\"></div>'))\n"
    "display(Javascript(\"document.querySelector('.harness-radios').innerHTML = "
    "'<fieldset><input type=radio name=h></fieldset><fieldset><input type=radio name=h>"
    "</fieldset>'\"))",
    "1 / 0",
    'print("Run All stops before this cell")',
]


@pytest.fixture
def faulty_notebook(lab_server):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in FAULTY_CELLS]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = lab_server.root / "zz_harness_faulty.ipynb"
    nbformat.write(nb, path)
    yield path.stem
    path.unlink()


def test_every_kind_of_fault_is_reported(lab, faulty_notebook):
    nb = lab.open(faulty_notebook)
    state = nb.run_all()
    nb.click("Break")

    # The kernel JupyterLab started is this virtualenv's Python, where lessonlib is.
    assert nb.text(".jp-OutputArea-output") == sys.executable
    problems = "\n".join(nb.problems())
    assert [c.index for c in state.cells if c.count is None] == [4]
    assert "cell 3 shows an error: ZeroDivisionError" in problems
    assert "a widget callback raised: ValueError: harness: the callback failed" in problems
    assert any("example.invalid" in url for url in lab.collector.foreign_requests)
    assert any("harness: a console error" in text for text in lab.collector.console_errors)
    assert "radio groups share a name, so choosing in one unchecks the other: ['h']" in problems
    with pytest.raises(AssertionError, match="not clean"):
        nb.assert_clean()
