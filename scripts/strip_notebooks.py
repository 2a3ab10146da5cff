"""Strip outputs, execution counts and widget state from the course notebooks.

Usage: python scripts/strip_notebooks.py [NOTEBOOK ...]   (default: notebooks/*.ipynb)

Cells tagged ``keep_output`` keep their outputs and execution count (a few
deterministic cells whose output nbval checks; nbval only compares cells that
were run).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def strip(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.setdefault("language_info", {"name": "python"})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "keep_output" in tags and "nbval-check-output" not in tags:
            cell.metadata["tags"] = [*tags, "nbval-check-output"]  # nbval compares it
        if cell.cell_type == "code" and "keep_output" not in tags:
            cell.execution_count = None
            cell.outputs = []
    nbformat.validate(nb)
    after = nbformat.writes(nb) + "\n"
    if after != before + "\n":
        path.write_text(after, encoding="utf-8")
        return True
    return False


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        if strip(path):
            print(f"stripped {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
