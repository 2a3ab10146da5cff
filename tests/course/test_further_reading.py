"""Every lesson ends with further reading: plain links to the sources, nothing loaded."""

import json
import re
from pathlib import Path

import pytest

from lessonlib.course.lessons import LESSONS, MINUTES

ROOT = Path(__file__).resolve().parents[2]
CHECKED = list(LESSONS)
LINK = re.compile(r"\[[^\]]+\]\((https?://[^)\s]+)\)")


def _markdown(lesson: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def _reading(lesson: str) -> tuple[int, list[str]]:
    cells = _markdown(lesson)
    found = [i for i, text in enumerate(cells) if text.startswith("## Further reading")]
    assert len(found) == 1, f"{lesson}: {len(found)} 'Further reading' cells"
    return found[0], cells


@pytest.mark.parametrize("lesson", CHECKED)
def test_further_reading_comes_right_before_the_quiz_or_at_the_end(lesson):
    at, cells = _reading(lesson)
    if at + 1 < len(cells):
        assert re.match(r"## (Warm-up )?[Qq]uiz\b", cells[at + 1]), cells[at + 1][:40]
    else:  # the last lesson of the class ends with it, after its quiz (the capstone,
        # homework after the class, has its own before its quiz)
        assert lesson == [k for k, m in MINUTES.items() if not m.homework][-1]


@pytest.mark.parametrize("lesson", CHECKED)
def test_further_reading_is_plain_links(lesson):
    at, cells = _reading(lesson)
    text = cells[at]
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert items and all(LINK.search(line) for line in items)
    assert not re.search(r"!\[|<img|<iframe|<script|<video", text)  # nothing is loaded


def test_the_sources_named_in_the_brief_are_all_there():
    links = set()
    for lesson in CHECKED:
        at, cells = _reading(lesson)
        links |= set(LINK.findall(cells[at]))
    wanted = ["infoworld.com/article/3391592/how-to-tame-event-driven-microservices",
              "martinfowler.com/articles/201701-event-driven", "github.com/berndruecker/flowing-retail",
              "zeebe-track/order-tracking.bpmn", "microservices.io/patterns/data/saga",
              "blog.bernd-ruecker.com"]
    assert all(any(w in url for url in links) for w in wanted)


FLOWING_RETAIL_FILE = re.compile(r"https://github\.com/berndruecker/flowing-retail/(?:blob|tree)/"
                                 r"([^/\s)]+)/[^\s)]+")


def _every_markdown() -> list[str]:
    return [text for lesson in LESSONS for text in _markdown(lesson)]


def test_a_file_of_flowing_retail_is_linked_at_a_commit_never_a_branch():
    """flowing-retail removed its tracking workflow in 2020 (commit 4f02da6): a link to a file
    on ``master`` dies when the file moves. Link the commit, and say the file is gone."""
    found = [(m.group(1), m.group(0)) for text in _every_markdown()
             for m in FLOWING_RETAIL_FILE.finditer(text)]
    assert found, "the lessons link flowing-retail's tracking workflow"
    assert all(re.fullmatch(r"[0-9a-f]{40}", ref) for ref, _ in found), found
    for text in _every_markdown():
        for paragraph in re.split(r"\n\s*\n|\n(?=- )", text):
            if "order-tracking.bpmn" in paragraph and "http" in paragraph:
                assert "until 2020" in paragraph, paragraph
