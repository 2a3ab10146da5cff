"""How much memory a lesson's kernel holds after Run All: the figure behind a hub's sizing.

Run: ``.venv/bin/python benchmarks/bench_memory.py [LESSON ...]`` (or ``make bench``).
Each lesson runs in a fresh kernel with nbclient, as a student's Run All would
(progress goes to a temporary file); then the kernel's resident memory (RSS)
and its unique memory (USS: what stopping it gives back) are read before it is
shut down. A fresh kernel that ran nothing is the reference. A student's
single-user server adds its own memory: ``make test-hub`` measures it on a real
hub (``test-artifacts/hub-memory.json``). docs/instructor-guide.md turns both
into a sizing rule. A measurement printed for people, not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MB = 1024 * 1024


def kernel_memory(nb: nbformat.NotebookNode) -> tuple[float, float]:
    """(RSS, USS) in MB of a fresh kernel after running every cell of ``nb``."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        info = psutil.Process(client.km.provisioner.pid).memory_full_info()
    return info.rss / MB, info.uss / MB


def main(argv: list[str]) -> None:
    names = argv or sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    load = " ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"memory: load average {load}; MB after Run All (RSS / USS)")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LESSONLIB_PROGRESS"] = str(Path(tmp) / "progress.json")
        rss, uss = kernel_memory(nbformat.v4.new_notebook())
        print(f"memory: a fresh kernel: {rss:.0f} / {uss:.0f}")
        total_rss = total_uss = 0.0
        for name in names:
            rss, uss = kernel_memory(nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4))
            total_rss, total_uss = total_rss + rss, total_uss + uss
            print(f"memory: {name}: {rss:.0f} / {uss:.0f}")
        print(f"memory: all {len(names)} lessons' kernels together: {total_rss:.0f} / "
              f"{total_uss:.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
