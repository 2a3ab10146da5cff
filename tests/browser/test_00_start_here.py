"""Lesson 00 in a real browser: the walk every lesson gets (Run All and checks, every
quiz answered, restored after a restart), with its quiz first answered by keys only, and the
concept check's pre form handed in (once, whole) and kept after a restart."""

from __future__ import annotations

import pytest
from concept import ConceptCheck, answers, prepare_progress
from feel import a_quiz_answered_with_keys_only
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.course.concept_check import form_items

pytestmark = pytest.mark.browser

LESSON = "00_start_here"


def _pre_form_handed_in(lab, nb) -> None:
    """The concept check's pre form: an open item stops the hand-in; then every item is
    answered and the form is handed in, locked, with no verdict yet."""
    form = ConceptCheck(nb)
    given = answers("pre", [a.key for a in form_items("pre")][:2])
    first = next(iter(given))
    form.answer({k: v for k, v in given.items() if k != first})
    form.hand_in()
    expect(form.status).to_contain_text("1 still open (item 1)", timeout=REPLY_MS)
    form.answer({first: given[first]})
    form.hand_in()
    expect(form.status).to_contain_text("You will see how you did at the end",
                                        timeout=REPLY_MS)
    form.expect_locked()
    expect(form.root.locator(".lessonlib-cc-verdict").first).to_be_empty()
    lab.screenshot_of(form.status, f"{LESSON}-concept-check-handed-in")


def test_run_all_keys_only_then_every_answer_saved(lab):
    prepare_progress(lab, forget=[LESSON])  # the pre form is open, whatever ran before
    nb = run_and_check(lab, LESSON)
    _pre_form_handed_in(lab, nb)
    a_quiz_answered_with_keys_only(lab, nb, LESSON)
    quizzes_answered_and_restored(lab, nb, LESSON)
    nb.run_cell('concept_check("pre")')  # after the restart: kept as handed in
    expect(ConceptCheck(nb).status).to_contain_text("Handed in", timeout=REPLY_MS)
    nb.assert_clean()
