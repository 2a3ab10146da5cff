"""Build the instructor edition: every lesson with its solutions and notes filled in.

Usage: python scripts/build_instructor.py [--out build/instructor]

One source: the student notebooks in notebooks/ (which hold no solutions) plus,
per lesson, instructor/<lesson id>.md:

    ## notes
    Markdown for the instructor: shown in a cell at the top of the lesson.

    ## solution <tag>
    ```python
    code that replaces every cell tagged <tag> in the student notebook
    ```

    ## after <tag>
    Markdown inserted as an "Instructor note" cell right after the cell tagged <tag>.

A solution or note whose tag matches no cell is an error, so the two sources
cannot drift apart silently.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "instructor"
SECTION = re.compile(r"^## +(notes|solution|after)\b *(\S*) *$", re.MULTILINE)
CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)


class SourceError(ValueError):
    """The instructor source does not fit its notebook."""


def parse(path: Path) -> list[tuple[str, str, str]]:
    """(kind, tag, body) for each section of an instructor file."""
    text = path.read_text(encoding="utf-8")
    marks = list(SECTION.finditer(text))
    sections = []
    for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
        body = text[mark.end(): nxt.start() if nxt else len(text)].strip()
        kind, tag = mark.group(1), mark.group(2)
        if kind != "notes" and not tag:
            raise SourceError(f"{path.name}: '## {kind}' needs a cell tag after it.")
        if kind == "solution":
            code = CODE.search(body)
            if code is None:
                raise SourceError(f"{path.name}: solution {tag!r} has no ```python block.")
            body = code.group(1).rstrip() + "\n"
        sections.append((kind, tag, body))
    return sections


def instructor_edition(nb: nbformat.NotebookNode, sections, name: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(nb)  # a copy
    tagged = {}
    for index, cell in enumerate(nb.cells):
        for tag in cell.metadata.get("tags", []):
            tagged.setdefault(tag, []).append(index)
    inserts: list[tuple[int, nbformat.NotebookNode]] = []
    for kind, tag, body in sections:
        if kind == "notes":
            inserts.append((0, nbformat.v4.new_markdown_cell(
                f"> **Instructor edition.** {body}".replace("\n", "\n> "))))
            continue
        if tag not in tagged:
            raise SourceError(f"{name}: no cell is tagged {tag!r} (for '## {kind} {tag}').")
        for index in tagged[tag]:
            if kind == "solution":
                nb.cells[index].source = "# Instructor solution\n" + body
            else:
                inserts.append((index + 1, nbformat.v4.new_markdown_cell(
                    "> **Instructor note.** " + body.replace("\n", "\n> "))))
    for index, cell in sorted(inserts, key=lambda item: item[0], reverse=True):
        nb.cells.insert(index, cell)
    nb.metadata["lessonlib_edition"] = "instructor"
    return nb


def build(out: Path, notebooks: Path = ROOT / "notebooks", source: Path = SOURCE) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(notebooks.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        notes = source / f"{path.stem}.md"
        sections = parse(notes) if notes.exists() else []
        edition = instructor_edition(nb, sections, path.name)
        nbformat.validate(edition)
        target = out / path.name
        nbformat.write(edition, target)
        written.append(target)
    stamp = notebooks / "COURSE_VERSION"
    if stamp.exists():
        (out / "COURSE_VERSION").write_text(stamp.read_text())
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "instructor")
    args = parser.parse_args(argv)
    try:
        for path in build(args.out):
            print(f"wrote {path}")
    except SourceError as error:
        print(f"Cannot build the instructor edition: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
