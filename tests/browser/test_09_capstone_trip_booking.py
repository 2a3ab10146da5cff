"""Lesson 09 in a real browser: the capstone walked as a student does, every automatic check
answered wrong once, then right; both predictions saved before their reveal, which names the
belief behind a wrong count; the review quiz; and the concept check's post form with the gain
it shows against a pre form handed in before the walk.
"""

from __future__ import annotations

import pytest
from concept import ConceptCheck, answers, prepare_progress
from lessons import answer_every_quiz, assert_quizzes_restored, restart_quiz_cells, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.reports import CSS as CARDS
from lessonlib.course.concept_check import form_items
from lessonlib.trip_booking import cancellations_of, trip_day
from lessonlib.widgets.prediction import CSS, input_class

pytestmark = pytest.mark.browser

LESSON = "09_capstone_trip_booking"
REVIEW = f".{CARDS.review}-{{part}}"
WHY = "the team that must make sure it happens owns it"

LINKS = '''links = {{
    "car": {{"kind": "command", "owner": "Trip", "why": "{why}"}},
    "hotel": {{"kind": "command", "owner": "Trip", "why": "{why}"}},
    "flight": {{"kind": "command", "owner": "Trip", "why": "{why}"}},
    "confirmation": {{"kind": "command", "owner": "Trip", "why": "{why}"}},
    "miles": {{"kind": "{miles}", "owner": "Loyalty", "why": "{why}"}},
}}
hand_in_trip_links(links)'''

MODEL = '''trip = draft(trip_booking_start())
trip.add_command("ReserveCar", sender={car_sender!r}, receiver={car_receiver!r})
trip.add_event("CarReserved", emitter="Car rental", subscribers=["Trip"])
trip.add_command("BookHotel", sender="Trip", receiver="Hotel")
trip.add_event("HotelBooked", emitter="Hotel", subscribers=["Trip"])
trip.add_command("BookFlight", sender="Trip", receiver="Flight")
trip.add_event("FlightBooked", emitter="Flight", subscribers=["Trip"])
trip.add_event("TripBooked", emitter="Trip", subscribers=["Loyalty"])
trip.add_command("SendConfirmation", sender="Trip", receiver="Documents")
trip.add_process("Trip booking", owner="Trip", steps=[
    "TripRequested", "ReserveCar", "CarReserved", "BookHotel", "HotelBooked",
    "BookFlight", "FlightBooked", "TripBooked", "SendConfirmation"])
hand_in_trip_model(trip)'''

READ = '''read = {{
    "booked": {booked},
    "cancelled": {cancelled},
    "cancellations": {cancellations!r},
}}
hand_in_trip_failure(day, read)'''


def _rewrite_and_run(nb, marker: str, source: str) -> None:
    nb.set_cell(marker, source)
    nb.run_cell(marker)


def _predict(nb, change: str, counts: dict[str, int]):
    """Type a count for each design into the prediction of ``change`` and save it."""
    cell = nb.cell(f'predict_trip_change("{change}")')
    for label, count in counts.items():
        cell.locator(f".{input_class(label)} input").fill(str(count))
    cell.locator(f".{CSS.save}").click()
    return cell.locator(f".{CSS.feedback}")


def _reveal(nb, change: str):
    cell = nb.cell(f'reveal_trip_change("{change}", trip)')
    cell.locator(f".{CSS.button}").scroll_into_view_if_needed()
    cell.locator(f".{CSS.button}").click()
    return cell.locator(f".{CSS.output}")


def _parts_a_and_b(nb) -> None:
    """Each part's stored blanks give a hint; a wrong answer a question; the right one a tick."""
    links, model = nb.locator(REVIEW.format(part="links")), nb.locator(REVIEW.format(part="model"))
    expect(links).to_contain_text("still has a blank kind")
    expect(model).to_contain_text("still has a blank")
    _rewrite_and_run(nb, "links = {", LINKS.format(why=WHY, miles="command"))
    expect(links).to_contain_text("The link 'miles'", timeout=REPLY_MS)
    expect(links).not_to_contain_text("event")  # the question never names the answer
    _rewrite_and_run(nb, "links = {", LINKS.format(why=WHY, miles="event"))
    expect(links).to_contain_text("\u2713 Every link is decided", timeout=REPLY_MS)

    _rewrite_and_run(nb, "trip = draft(", MODEL.format(car_sender="Car rental",
                                                       car_receiver="Trip"))
    expect(model).to_contain_text("Is that the kind you decided for reserving the rental car",
                                  timeout=REPLY_MS)
    _rewrite_and_run(nb, "trip = draft(", MODEL.format(car_sender="Trip",
                                                       car_receiver="Car rental"))
    expect(model).to_contain_text("\u2713 Your trip has every link", timeout=REPLY_MS)


def _part_c(nb, lab) -> None:
    """Both predictions saved before their reveal; a wrong count is answered with its belief."""
    insurance = _reveal(nb, "insurance")
    expect(insurance).to_contain_text("Save your prediction first", timeout=REPLY_MS)
    expect(insurance).not_to_contain_text("must change")
    feedback = _predict(nb, "insurance", {"choreography": 2, "orchestration": 1,
                                          "link by link": 1})
    expect(feedback).to_contain_text("Saved: every link an event 2", timeout=REPLY_MS)
    nb.run_cell('reveal_trip_change("insurance", trip)')  # counts the finished model
    insurance = _reveal(nb, "insurance")
    expect(insurance).to_contain_text("every link an event 1 (1 fewer than you predicted)",
                                      timeout=REPLY_MS)
    expect(insurance).to_contain_text("You said 2 for every link an event. You counted")
    expect(insurance).to_contain_text("Decided link by link, your model")
    expect(insurance).to_contain_text("A reaction the receiver owns is cheaper as an event")
    feedback = _predict(nb, "hotel first", {"choreography": 3, "orchestration": 1,
                                            "link by link": 1})
    expect(feedback).to_contain_text("Saved: every link an event 3", timeout=REPLY_MS)
    nb.run_cell('reveal_trip_change("hotel first", trip)')
    hotel = _reveal(nb, "hotel first")
    expect(hotel).to_contain_text("every link an event 3 (as you predicted)", timeout=REPLY_MS)
    expect(hotel).not_to_contain_text("You said")
    lab.screenshot_of(nb.cell('reveal_trip_change("insurance", trip)'), f"{LESSON}-revealed")
    cell = nb.cell('predict_trip_change("insurance")')
    expect(cell.locator(f".{input_class('choreography')} input")).to_be_disabled(
        timeout=REPLY_MS)


def _part_d(nb) -> None:
    """What the student read off the day, wrong once, then right."""
    day = trip_day(failing="Flight")  # the notebook's day: the same model, seed and failure
    counts = day.counts()
    first = next(t for t, o in day.outcomes().items() if o == "compensated")
    right = list(cancellations_of(day, first))
    failure = nb.locator(REVIEW.format(part="failure"))
    expect(failure).to_contain_text("still blank")
    _rewrite_and_run(nb, "read = {", READ.format(booked=counts["completed"],
                                                 cancelled=counts["compensated"],
                                                 cancellations=right[::-1]))
    expect(failure).to_contain_text("in which order", timeout=REPLY_MS)
    _rewrite_and_run(nb, "read = {", READ.format(booked=counts["completed"],
                                                 cancelled=counts["compensated"],
                                                 cancellations=right))
    expect(failure).to_contain_text("\u2713 You read the day right", timeout=REPLY_MS)


def _post_form(nb, lab) -> None:
    """The post form, all right, against a pre form with three right: the gain shows."""
    form = ConceptCheck(nb)
    form.answer(answers("post", [a.key for a in form_items("post")]))
    form.hand_in()
    expect(form.status).to_contain_text("Handed in", timeout=REPLY_MS)
    form.expect_locked()
    expect(form.gain).to_contain_text("3 of 12")
    expect(form.gain).to_contain_text("12 of 12")
    expect(form.gain.locator(".lessonlib-gain-total")).to_contain_text("+100%")
    lab.screenshot_of(form.gain, f"{LESSON}-gain")


def test_the_capstone_walked_every_check_wrong_then_right(lab):
    pre_right = [a.key for a in form_items("pre")][:3]
    prepare_progress(lab, forget=[LESSON], pre_right=pre_right)
    nb = run_and_check(lab, LESSON)
    _parts_a_and_b(nb)
    _part_c(nb, lab)
    _part_d(nb)
    answer_every_quiz(nb, LESSON)
    _post_form(nb, lab)
    restart_quiz_cells(nb, LESSON)
    assert_quizzes_restored(nb, LESSON)
    nb.run_cell('concept_check("post")')  # after a restart the form shows as handed in
    expect(ConceptCheck(nb).status).to_contain_text("Handed in", timeout=REPLY_MS)
    nb.assert_clean()
