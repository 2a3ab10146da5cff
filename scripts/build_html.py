"""Build the static edition: every lesson executed and rendered to HTML that reads offline.

Usage: python scripts/build_html.py [--out build/html]

Each notebook runs from a fresh kernel in a scratch copy of notebooks/ with an
empty progress file, so quizzes appear unanswered. Pages use the template in
scripts/templates/course (no CDN scripts; images keep their alt text); links
between lessons point to the HTML pages; index.html lists the lessons.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"


def execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}},
                            store_widget_state=False)
    client.execute()
    nb.metadata.pop("widgets", None)
    return nb


def render(nb: nbformat.NotebookNode, title: str) -> str:
    exporter = HTMLExporter(template_name="course", extra_template_basedirs=[str(TEMPLATES)])
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    # Lessons link to each other as .ipynb; in the static edition they are .html pages.
    return re.sub(r'href="(\d\d_[a-z_]+)\.ipynb"', r'href="\1.html"', body)


def index_page(lessons: dict[str, str]) -> str:
    items = "\n".join(f'<li><a href="{lid}.html">{lid[:2]} {html.escape(title)}</a></li>'
                      for lid, title in lessons.items())
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Orchestration vs choreography: static edition</title></head><body>"
            "<h1>Orchestration vs choreography</h1>"
            "<p>The static edition of the course: every lesson, executed, readable without a "
            "kernel. Quizzes show their questions; to answer them, open the notebooks in "
            "JupyterLab (<code>make lab</code>).</p>"
            f"<ol start=\"0\">\n{items}\n</ol></body></html>\n")


def build(out: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from lessonlib.course.lessons import LESSONS

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "notebooks"
        shutil.copytree(ROOT / "notebooks", work,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".backup"))
        os.environ["LESSONLIB_PROGRESS"] = str(Path(scratch) / "progress.json")
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        lessons = {p.stem: LESSONS.get(p.stem, p.stem) for p in sorted(work.glob("*.ipynb"))}
        for lesson, title in lessons.items():
            page = out / f"{lesson}.html"
            nb = execute(work / f"{lesson}.ipynb", work)
            page.write_text(render(nb, f"{lesson[:2]} {title}"), encoding="utf-8")
            written.append(page)
            print(f"wrote {page.relative_to(ROOT) if page.is_relative_to(ROOT) else page}")
    (out / "index.html").write_text(index_page(lessons), encoding="utf-8")
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html")
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
