"""Each lesson's minutes are kept once (lessonlib.course.lessons.MINUTES) and agree everywhere.

The README's lesson map, each notebook's introduction, the instructor guide (its headings and
its 90-minute plan) and the instructor notes all state them; each place is read back here and
compared, so a number changed in one place only fails a test.
"""

import json
import re
from pathlib import Path

import pytest

from lessonlib.course.lessons import CLASS_MINUTES, LESSONS, MINUTES, Minutes, class_plan

ROOT = Path(__file__).resolve().parents[2]


def test_every_lesson_has_minutes_and_the_class_plan_adds_up():
    assert set(MINUTES) == set(LESSONS)
    assert sum(m.in_class for m in MINUTES.values()) == CLASS_MINUTES
    assert all(0 <= m.in_class <= m.on_your_own for m in MINUTES.values())
    plan = class_plan()
    assert [lesson for *_, lesson in plan] == [k for k, m in MINUTES.items() if not m.homework]
    assert plan[0][0] == 0 and plan[-1][1] == CLASS_MINUTES
    assert all(a[1] == b[0] for a, b in zip(plan, plan[1:], strict=False))


def test_minutes_read_as_a_sentence():
    assert str(Minutes(25, 10)) == "about 25 minutes on your own, 10 in a 90-minute class"
    assert str(Minutes(70, 0)) == "about 70 minutes on your own, as homework after the class"


def _in_class(text: str) -> int:
    """A minutes column or phrase: a number, or "homework" (no slot in the class)."""
    return 0 if text == "homework" else int(text)


def _readme_rows() -> dict[str, tuple[int, int]]:
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| (\d\d) \| \[.*\]\(notebooks/(\w+)\.ipynb\) \|.*\| (\d+) \| "
                         r"(\d+|homework) \|$", line)
        if found:
            rows[found.group(2)] = (int(found.group(3)), _in_class(found.group(4)))
    return rows


def test_the_readme_lesson_map_shows_both_minutes():
    assert _readme_rows() == {k: (m.on_your_own, m.in_class) for k, m in MINUTES.items()}


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_each_notebook_states_its_minutes_in_its_introduction(lesson):
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    intro = "".join(nb["cells"][0]["source"])
    stated = [int(n) for n in re.findall(r"[Aa]bout (\d+) minutes", intro)]
    assert stated == [MINUTES[lesson].on_your_own], intro


def _guide() -> str:
    return (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")


def test_the_guide_headings_give_both_minutes():
    found = {}
    for number, own, cls in re.findall(
            r"^### (\d\d) .*\((\d+) min on your own, (\d+|homework)(?: in class)?\)$", _guide(),
            re.MULTILINE):
        found[number] = (int(own), _in_class(cls))
    assert found == {k[:2]: (m.on_your_own, m.in_class) for k, m in MINUTES.items()}


def test_the_guide_plan_is_the_class_plan():
    rows = re.findall(r"^\| (\d+)-(\d+) \| (\d\d) ", _guide(), re.MULTILINE)
    assert [(int(a), int(b), n) for a, b, n in rows] == [
        (start, end, lesson[:2]) for start, end, lesson in class_plan()]
    assert f"{CLASS_MINUTES}-minute" in _guide()


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_each_instructor_note_gives_the_same_minutes(lesson):
    notes = (ROOT / "instructor" / f"{lesson}.md").read_text(encoding="utf-8")
    if MINUTES[lesson].homework:
        stated = re.findall(r"Homework: about (\d+) minutes on your own", notes)
        assert stated == [str(MINUTES[lesson].on_your_own)]
        return
    stated = re.findall(r"About (\d+) minutes in class \((\d+) on your own\)", notes)
    assert stated == [(str(MINUTES[lesson].in_class), str(MINUTES[lesson].on_your_own))]
