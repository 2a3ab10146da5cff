"""Build the static edition: every lesson executed and rendered to HTML that reads offline.

Usage: python scripts/build_html.py [--out build/html] [--executed DIR]

``--executed DIR`` renders lessons already executed that way (DIR/<lesson>/<lesson>.ipynb,
as the tests' one execution per lesson writes them: tests/executed.py) instead of
executing them again.

Each notebook runs from a fresh kernel in a scratch copy of notebooks/ with an
empty progress file, so quizzes appear unanswered. Pages use the template in
scripts/templates/course (no CDN scripts; figures keep their alt text; a
widget shows its static form); links between lessons point to the HTML pages;
each page links to the previous and next lesson and to index.html, which lists
the lessons. Each page, and the index, say what a lesson asks of the student,
from the course's list of activities (lessonlib.course.activities), so a reader
without a kernel knows what to do in JupyterLab. Pages share one stylesheet
(templates/course/static/course.css), inlined so a single page reads on its own,
offline.
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


def render(nb: nbformat.NotebookNode, title: str, previous: tuple[str, str] | None = None,
           following: tuple[str, str] | None = None, asks: str = "") -> str:
    """The page of one executed lesson; ``previous``/``following`` are (id, title) or None;
    ``asks`` says what the lesson asks of the student (shown under the links at the top)."""
    exporter = HTMLExporter(template_name="course", extra_template_basedirs=[str(TEMPLATES)])
    nb.metadata["title"] = title
    nb.metadata["lessonlib_asks"] = asks
    nb.metadata["lessonlib_nav"] = {
        key: {"href": f"{lid}.html", "title": f"{lid[:2]} {name}"} if (lid and name) else None
        for key, (lid, name) in (("previous", previous or (None, None)),
                                 ("next", following or (None, None)))
    }
    body, _ = exporter.from_notebook_node(nb)
    # Lessons link to each other as .ipynb; in the static edition they are .html pages.
    return re.sub(r"""href=(["'])(\d\d_[a-z_]+)\.ipynb\1""", r'href="\2.html"', body)


def index_page(lessons: dict[str, str], asks: dict[str, str] | None = None) -> str:
    asks = asks or {}
    items = "\n".join(f'<li><a href="{lid}.html"><span class="number">{lid[:2]}</span> '
                      f"{html.escape(title)}"
                      + (f'<span class="lessonlib-asks">{html.escape(asks[lid])}</span>'
                         if asks.get(lid) else "")
                      + "</a></li>" for lid, title in lessons.items())
    css = (TEMPLATES / "course" / "static" / "course.css").read_text(encoding="utf-8")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Orchestration vs choreography: static edition</title>"
            f"<style>{css}{INDEX_CSS}</style></head><body class=\"lessonlib-index\"><main>"
            "<h1>Orchestration vs choreography</h1>"
            "<p>The static edition of the course: every lesson, executed, readable without a "
            "kernel or a network. Figures come with a text description; quizzes show their "
            "questions, and each exercise says what it does. To answer the quizzes and use the "
            "exercises, open the notebooks in JupyterLab (<code>make lab</code>).</p>"
            f'<ol class="lessonlib-lessons" start="0">\n{items}\n</ol></main></body></html>\n')


INDEX_CSS = """
body.lessonlib-index { font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1f2328; background: #fff; }
.lessonlib-index main { max-width: 46em; padding-top: 24px; }
.lessonlib-index h1 { font-size: 28px; margin: 16px 0 8px; }
.lessonlib-index p { font-size: 16px; line-height: 1.55; }
ol.lessonlib-lessons { list-style: none; padding: 0; margin: 24px 0; }
ol.lessonlib-lessons li { margin: 0 0 8px; }
ol.lessonlib-lessons a { display: block; padding: 10px 14px; border: 1px solid #d0d7de;
  border-radius: 6px; color: #0b5cad; font-size: 17px; text-decoration: none; }
ol.lessonlib-lessons a:hover { background: #f3f6f9; text-decoration: underline; }
ol.lessonlib-lessons a:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
ol.lessonlib-lessons .number { display: inline-block; min-width: 2.2em; color: #57606a;
  font-variant-numeric: tabular-nums; }
ol.lessonlib-lessons .lessonlib-asks { display: block; margin-left: 2.2em; color: #57606a;
  font-size: 14px; }
"""


def build(out: Path, executed: Path | None = None) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from lessonlib.course.activities import asks as lesson_asks
    from lessonlib.course.activities import lessons as with_activities
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
        asks = {lesson: lesson_asks(lesson) for lesson in lessons
                if lesson in with_activities()}
        order = list(lessons.items())
        for i, (lesson, title) in enumerate(order):
            page = out / f"{lesson}.html"
            if executed is None:
                nb = execute(work / f"{lesson}.ipynb", work)
            else:
                nb = nbformat.read(executed / lesson / f"{lesson}.ipynb", as_version=4)
                nb.metadata.pop("widgets", None)
            previous = order[i - 1] if i > 0 else None
            following = order[i + 1] if i + 1 < len(order) else None
            page.write_text(render(nb, f"{lesson[:2]} {title}", previous, following,
                                   asks.get(lesson, "")), encoding="utf-8")
            written.append(page)
            print(f"wrote {page.relative_to(ROOT) if page.is_relative_to(ROOT) else page}")
    (out / "index.html").write_text(index_page(lessons, asks), encoding="utf-8")
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html")
    parser.add_argument("--executed", type=Path, default=None,
                        help="render lessons executed already (DIR/<lesson>/<lesson>.ipynb)")
    args = parser.parse_args(argv)
    build(args.out, args.executed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
