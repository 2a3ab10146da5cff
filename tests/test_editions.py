"""The instructor edition and the static edition, built from the one source."""

import html
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


instructor = _script("build_instructor")


def _toy(tmp_path, source_text):
    nbs, src = tmp_path / "nbs", tmp_path / "src"
    nbs.mkdir()
    src.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Toy"),
        nbformat.v4.new_code_cell("answer = ...  # fill in", metadata={"tags": ["exercise:x"]}),
    ])
    nbformat.write(nb, nbs / "99_toy.ipynb")
    (src / "99_toy.md").write_text(source_text)
    return nbs, src


def test_solution_replaces_the_tagged_cell_and_notes_are_added(tmp_path):
    nbs, src = _toy(tmp_path, "## notes\nTen minutes.\n\n## solution exercise:x\n"
                    "```python\nanswer = 42\n```\n\n## after exercise:x\nAsk why.\n")
    (out,) = instructor.build(tmp_path / "out", nbs, src)
    cells = nbformat.read(out, as_version=4).cells
    assert "Instructor edition" in cells[0].source and "Ten minutes." in cells[0].source
    assert cells[2].source == "# Instructor solution\nanswer = 42\n"
    assert "Ask why." in cells[3].source
    student = nbformat.read(nbs / "99_toy.ipynb", as_version=4)
    assert [c.source for c in student.cells] == ["# Toy", "answer = ...  # fill in"]


@pytest.mark.parametrize("text, needle", [
    ("## solution exercise:y\n```python\nx = 1\n```\n", "exercise:y"),
    ("## solution exercise:x\nno code here\n", "no ```python block"),
    ("## after\nwhere?\n", "needs a cell tag"),
])
def test_a_source_that_does_not_fit_is_an_error(tmp_path, text, needle):
    nbs, src = _toy(tmp_path, text)
    with pytest.raises(instructor.SourceError, match=re.escape(needle)):
        instructor.build(tmp_path / "out", nbs, src)


def _solution_lines():
    """Lines a solution adds to its exercise cell (the scaffolding they share is no secret)."""
    for path in sorted((ROOT / "instructor").glob("*.md")):
        student = nbformat.read(ROOT / "notebooks" / f"{path.stem}.ipynb", as_version=4)
        for kind, tag, body in instructor.parse(path):
            if kind != "solution":
                continue
            given = {line.strip() for cell in student.cells
                     if tag in cell.metadata.get("tags", []) for line in cell.source.splitlines()}
            for line in body.splitlines():
                line = line.split("#")[0].strip()
                if len(line) > 8 and line not in given:
                    yield path.stem, tag, line


def test_there_are_solutions_to_check():
    assert len(list(_solution_lines())) >= 5


@pytest.mark.parametrize("lesson, tag, line", list(_solution_lines()))
def test_student_notebooks_hold_no_solution_text(lesson, tag, line):
    student = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    sources = "\n".join(c.source for c in student.cells)
    assert line not in sources, f"{lesson} shows the solution of {tag}"


@pytest.fixture(scope="module")
def instructor_edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("instructor")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_instructor.py"),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def test_instructor_edition_runs_end_to_end_under_nbval(instructor_edition):
    books = sorted(instructor_edition.glob("*.ipynb"))
    assert [b.name for b in books] == [n.name for n in NOTEBOOKS]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--nbval-lax", "--nbval-current-env", "--rootdir", str(ROOT),
                          *map(str, books)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


@pytest.fixture(scope="module")
def static_edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_html.py"),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_lesson_has_a_page_with_its_figures(static_edition, notebook):
    page = (static_edition / f"{notebook.stem}.html").read_text(encoding="utf-8")
    shows_figures = "show(" in notebook.read_text(encoding="utf-8")
    images = re.findall(r"<img [^>]*>", page)
    if shows_figures:
        assert images, f"{notebook.stem}: no figure in the static page"
    for img in images:
        assert 'src="data:image/png;base64,' in img
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and len(alt.group(1)) > 20, img[:200]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_pages_load_nothing_from_the_network(static_edition, notebook):
    page = (static_edition / f"{notebook.stem}.html").read_text(encoding="utf-8")
    loads = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', page)
    assert loads == []
    assert not re.search(r"@import\s+url\(['\"]?https?:", page)
    assert not re.search(r"""href=["']\d\d_[a-z_]+\.ipynb""", page), "a lesson link was not rewritten"


def test_static_quizzes_show_questions_not_answers(static_edition):
    from lessonlib.course.quiz import load_quiz

    page = (static_edition / "00_start_here.html").read_text(encoding="utf-8")
    quiz = load_quiz("00_start_here")
    for question in quiz:
        assert question.prompt.split("`")[0][:30] in page
        assert question.explanation[:40] not in page
        for option in question.options:
            assert question.feedback_for(option)[:40] not in page


def test_static_index_links_every_lesson(static_edition):
    index = (static_edition / "index.html").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        assert f'href="{notebook.stem}.html"' in index
    assert "<style>" in index and "max-width" in index  # styled, not a bare list


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_pages_say_what_the_lesson_asks_from_the_list_of_activities(static_edition,
                                                                            notebook):
    from lessonlib.course.activities import asks

    said = html.escape(asks(notebook.stem))
    page = (static_edition / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert f'<p class="lessonlib-asks">This lesson asks you for {said}:' in page
    index = (static_edition / "index.html").read_text(encoding="utf-8")
    assert f'<span class="lessonlib-asks">{said}</span>' in index


# Reprs a page must never show: a widget's (VBox(children=...), HTML(value=...)) or an
# object's default one.
REPR = re.compile(r"\b[A-Z]\w*\((?:children|value|description|layout)=|object at 0x[0-9a-f]+"
                  r"|&lt;lessonlib\.")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_pages_show_no_repr(static_edition, notebook):
    page = (static_edition / f"{notebook.stem}.html").read_text(encoding="utf-8")
    found = REPR.findall(page)
    assert found == [], f"{notebook.stem} shows a Python repr: {found[:3]}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_pages_link_previous_next_and_index(static_edition, notebook):
    page = (static_edition / f"{notebook.stem}.html").read_text(encoding="utf-8")
    i = NOTEBOOKS.index(notebook)
    navs = re.findall(r'<nav [^>]*class="lessonlib-nav[^"]*"[^>]*>.*?</nav>', page, re.S)
    assert len(navs) == 2, "a page has its lesson links at the top and at the bottom"

    def link(nav, rel):
        tags = [t for t in re.findall(r"<a [^>]*>", nav) if f'rel="{rel}"' in t]
        return re.search(r'href="([^"]+)"', tags[0]).group(1) if tags else None

    for nav in navs:
        assert 'href="index.html"' in nav
        assert link(nav, "prev") == (f"{NOTEBOOKS[i - 1].stem}.html" if i > 0 else None)
        assert link(nav, "next") == (
            f"{NOTEBOOKS[i + 1].stem}.html" if i + 1 < len(NOTEBOOKS) else None)
    assert re.search(r"main \{[^}]*max-width: \d+px", page), "the page has a reading width"


@pytest.mark.browser
def test_static_pages_pass_axe_with_no_serious_or_critical_violation(static_edition):
    """axe-core (tests/browser/audit.py, in a Chromium of its own) on every page and the
    index; a page fails on a violation of impact serious or critical (its report lands in
    test-artifacts/axe/static-<page>.json)."""
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "browser" / "audit.py"),
                          str(static_edition)], capture_output=True, text=True, timeout=300)
    print(run.stdout)
    audited = re.findall(r"^static-(\S+):", run.stdout, re.M)
    assert sorted(audited) == sorted([n.stem for n in NOTEBOOKS] + ["index"]), run.stdout
    assert run.returncode == 0, run.stderr[-4000:]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_static_figures_render_their_text_at_11_px(static_edition, notebook):
    """Every figure's smallest text, at the width the page shows it (its natural size)."""
    from lessonlib.pictures.sizes import COLUMN_PX, CSS_PX_PER_INCH, MIN_SCALE, MIN_TEXT_PX

    page = (static_edition / f"{notebook.stem}.html").read_text(encoding="utf-8")
    for img in re.findall(r'<img class="lessonlib-[^"]*"[^>]*>', page):
        width = int(re.search(r'width="(\d+)"', img).group(1))
        points = float(re.search(r'data-text-pt="([\d.]+)"', img).group(1))
        scale = min(1.0, COLUMN_PX / width)
        assert scale >= MIN_SCALE, f"{notebook.stem}: a figure {width} px wide"
        assert points * CSS_PX_PER_INCH / 72 * scale >= MIN_TEXT_PX, img[-300:]
