"""Refresh the stored outputs of the cells nbval compares (tagged ``keep_output``).

Usage: python scripts/refresh_outputs.py NOTEBOOK...   (e.g. notebooks/02_who_depends_on_whom.ipynb)

Runs each notebook in a fresh kernel (progress in a temporary file), copies the new
outputs of its ``keep_output`` cells into the stored notebook and strips every
other output (as scripts/strip_notebooks.py does). Read the diff before committing:
a changed output is a changed lesson.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strip_notebooks import strip  # noqa: E402


def refresh(path: Path) -> None:
    stored = nbformat.read(path, as_version=4)
    run = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LESSONLIB_PROGRESS"] = str(Path(tmp) / "progress.json")
        NotebookClient(run, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    for old, new in zip(stored.cells, run.cells, strict=True):
        if old.cell_type == "code" and "keep_output" in old.metadata.get("tags", []):
            old.outputs = new.outputs
            old.execution_count = new.execution_count
    nbformat.write(stored, path)
    strip(path)
    print(f"refreshed {path}")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        refresh(Path(arg))
