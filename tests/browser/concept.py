"""The concept check in a real browser: a page object for one of its forms, and a way to set
the progress file the lab's kernels use before a walk starts.

Lesson 00's walk answers the pre form through the page; lesson 09's walk needs a pre form
handed in before it starts, whichever worker ran lesson 00: :func:`prepare_progress` writes
one (through lessonlib's own :func:`~lessonlib.course.concept_check.hand_in`) into the file
the lab's kernels read, so the post form's gain is known in advance.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator

from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.widgets.concept_check import CSS, item_class
from tests.conftest import concept_answers


def answers(form: str, right: Iterable[str]) -> dict[str, list[str]]:
    """An answer to every item of ``form``: right for the ids in ``right``, else wrong."""
    return concept_answers(form, right)


@contextlib.contextmanager
def lab_progress(lab) -> Iterator[None]:
    """Within it, lessonlib in this test process reads and writes the lab's progress file
    (the kernels' own: ``tests/browser/server.py`` puts it beside the served notebooks)."""
    saved = os.environ.get("LESSONLIB_PROGRESS")
    os.environ["LESSONLIB_PROGRESS"] = str(lab.server.root.parent / "progress.json")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LESSONLIB_PROGRESS", None)
        else:
            os.environ["LESSONLIB_PROGRESS"] = saved


def prepare_progress(lab, *, forget: Iterable[str] = (), pre_right: Iterable[str] | None = None):
    """Forget the saved progress of the lessons in ``forget``; with ``pre_right``, hand in a
    pre form whose right answers are those item ids."""
    from lessonlib.course.concept_check import hand_in
    from lessonlib.course.progress import reset_progress

    with lab_progress(lab):
        for lesson in forget:
            with contextlib.suppress(Exception):  # nothing saved for it yet
                reset_progress(lesson)
        if pre_right is not None:
            reset_progress("00_start_here")
            hand_in("pre", answers("pre", pre_right))


class ConceptCheck:
    """One form of the concept check on the page, by :mod:`lessonlib.widgets.concept_check`'s
    classes: ``item(id)``, ``answer(answers)``, ``hand_in``, ``status`` and ``gain``."""

    def __init__(self, nb):
        self.nb = nb
        self.root = nb.locator(f".{CSS.form}")
        self.status = self.root.locator(f".{CSS.status}")
        self.gain = self.root.locator(f".{CSS.gain}")
        self.button = self.root.locator(f".{CSS.hand_in} button")

    def item(self, key: str):
        return self.root.locator(f".{item_class(key)}")

    def answer(self, given: dict[str, list[str]]) -> None:
        """Answer each item as a student does: tick the option, or type the number."""
        for key, value in given.items():
            item = self.item(key)
            item.scroll_into_view_if_needed()
            number = item.locator(f".{CSS.number} input")
            if number.count():
                number.fill(value[0])
            else:
                item.locator(f".{CSS.options}").get_by_label(value[0], exact=True).check()

    def hand_in(self) -> None:
        self.button.scroll_into_view_if_needed()
        self.button.click()

    def expect_locked(self) -> None:
        expect(self.button).to_be_disabled(timeout=REPLY_MS)
        expect(self.root.locator(f".{CSS.options} input").first).to_be_disabled()
