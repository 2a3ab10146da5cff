"""Every lesson ends with further reading: plain links to the sources, nothing loaded."""

import json
import re
from pathlib import Path

import pytest

from lessonlib.course.lessons import LESSONS

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
    else:  # the last lesson ends with it, after its quiz
        assert lesson == list(LESSONS)[-1]


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
