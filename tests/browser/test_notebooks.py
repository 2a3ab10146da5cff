"""Every notebook, run in JupyterLab in Chromium, shows what a student should see.

For each ``notebooks/*.ipynb``: Run All from the menu, then no cell left
unexecuted, no error output, no JavaScript error, no request off the machine,
and every widget rendered. A screenshot of the result is saved to
``test-artifacts/screenshots/<notebook>.png`` for a human to look at.
"""

from __future__ import annotations

import pytest
from labpage import (
    WIDGET,
    assert_clean,
    notebook_names,
    open_notebook,
    run_all,
    screenshot,
    unexecuted_cells,
    uses_widgets,
)

pytestmark = pytest.mark.browser


def test_there_are_notebooks_to_test():
    assert notebook_names(), "notebooks/ has no *.ipynb: the browser tests would test nothing."


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_runs_clean_in_jupyterlab(page, collector, name):
    open_notebook(page, name)
    state = run_all(page)
    screenshot(page, name)

    skipped = unexecuted_cells(state)
    assert_clean(page, collector)
    assert not skipped, f"Run All left code cells {skipped} of {name}.ipynb without a run."
    if uses_widgets(name):
        assert page.locator(WIDGET).count() > 0, f"{name}.ipynb makes widgets but none rendered."
