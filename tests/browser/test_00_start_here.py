"""Lesson 00 in a real browser: the walk every lesson gets (Run All and checks, every
quiz answered, restored after a restart), with its quiz first answered by keys only."""

from __future__ import annotations

import pytest
from feel import a_quiz_answered_with_keys_only
from lessons import quizzes_answered_and_restored, run_and_check

pytestmark = pytest.mark.browser

LESSON = "00_start_here"


def test_run_all_keys_only_then_every_answer_saved(lab):
    nb = run_and_check(lab, LESSON)
    a_quiz_answered_with_keys_only(lab, nb, LESSON)
    quizzes_answered_and_restored(lab, nb, LESSON)
