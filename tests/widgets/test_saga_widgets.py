"""Lesson 06's widgets, clicked: the refund prediction names the belief behind a wrong count,
and its explanation states the counts the models give."""

from __future__ import annotations

import re

from lessonlib.course.activities import REFUND, activity
from lessonlib.labs import refund_impact
from lessonlib.styles import STYLES


def test_the_refund_prediction_names_the_belief_behind_a_wrong_count(fresh_progress):
    from lessonlib.widgets.refund import predict_refund, reveal_refund

    view, reveal = predict_refund(), reveal_refund()
    reveal.button.click()
    assert "Save your prediction first" in reveal.output.value
    view.inputs["choreography"].value = "0"
    view.inputs["orchestration"].value = "2"
    view.save.click()
    reveal.button.click()
    counted = {style: r.total for style, r in refund_impact().items()}
    assert f"event chain {counted['choreography']} " in reveal.output.value
    assert "You said 0 for event chain. That is the belief that a new reaction" in (
        reveal.output.value)
    assert "You said 2 for" not in reveal.output.value  # a right count gets no belief
    view.inputs["choreography"].value = str(counted["choreography"])
    assert view.save.disabled  # locked by the reveal: a click does nothing
    view.save_prediction()  # and saving anyway keeps the first prediction
    assert "stays as you saved it" in view.feedback.value


def test_no_belief_is_written_for_the_right_count_and_the_explanation_counts_right():
    a = activity(*REFUND)
    counted = {style: r.total for style, r in refund_impact().items()}
    assert counted == {"choreography": 1, "orchestration": 2}  # what the explanation says
    for style in STYLES:
        written = dict(dict(a.feedback)[style])
        assert str(counted[style]) not in written  # the right count needs no belief
        for near in {counted[style] - 1, counted[style] + 1} - {-1}:
            assert a.feedback_for(style, near), (style, near)  # a near miss is answered
    words = {1: "one", 2: "two"}
    claim = re.search(r"\*\*By count, the event chain wins here\*\*: (\w+) service against "
                      r"(\w+)", a.after)
    assert claim.groups() == (words[counted["choreography"]], words[counted["orchestration"]])
