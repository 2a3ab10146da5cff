"""The smallest text a student reads in each lesson's figures, after Run All.

Each lesson runs in a fresh kernel whose first (injected) cell records every
figure as it is turned into an image: its width as shown (a figure is shown at
100 CSS px per inch and shrunk to fit an 848-px output column, the column of a
1280-px-wide JupyterLab with its file browser open) and its smallest text.
Figures a student reveals by pressing a button are not counted: Run All does
not show them. The measurement does not use lessonlib, so it runs unchanged on
any version of the course:

    .venv/bin/python benchmarks/bench_figures.py [NOTEBOOK_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
COLUMN_PX = 848  # lessonlib.pictures.sizes.COLUMN_PX
PX_PER_INCH = 100  # a figure's natural size: 100 CSS px per inch

PROBE = f'''
import json as _json
from matplotlib.backend_bases import FigureCanvasBase as _Canvas
from matplotlib.text import Text as _Text
_seen = []
_print_figure = _Canvas.print_figure

def _measure(self, *args, **kwargs):
    fig = self.figure
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else None
    width = (fig.get_tightbbox(renderer).width + 0.2) if renderer is not None else fig.get_figwidth()
    texts = [t for t in fig.findobj(_Text) if t.get_visible() and t.get_text().strip()
             and t.get_figure() is fig]
    if texts:
        scale = min(1.0, {COLUMN_PX} / (width * {PX_PER_INCH}))
        pt = min(t.get_fontsize() for t in texts)
        _seen.append((round(width * {PX_PER_INCH}), scale, pt * {PX_PER_INCH} / 72 * scale))
    return _print_figure(self, *args, **kwargs)

_Canvas.print_figure = _measure
'''


def measure(path: Path) -> list[tuple[int, float, float]]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE))
    nb.cells.append(nbformat.v4.new_code_cell("print(_json.dumps(_seen))"))
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    out = nb.cells[-1].outputs
    text = next((o.get("text", "") for o in out if o.get("name") == "stdout"), "[]")
    return [tuple(row) for row in json.loads(text.strip().splitlines()[-1])]


def main(folder: Path) -> None:
    print(f"Smallest text per lesson after Run All (CSS px, {COLUMN_PX}-px column):")
    print(f"{'lesson':38} {'figures':>7} {'smallest text':>13} {'smallest scale':>14}")
    for path in sorted(folder.glob("0*.ipynb")):
        seen = measure(path)
        if not seen:
            print(f"{path.stem:38} {0:>7}")
            continue
        print(f"{path.stem:38} {len(seen):>7} {min(s[2] for s in seen):>10.1f} px "
              f"{min(s[1] for s in seen):>13.0%}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "notebooks")
