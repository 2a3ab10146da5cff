"""The capstone's checks (lessonlib.course.capstone): each part reviewed with hints that ask
questions and never name the answer, handed in only when right; the reveal counts the
student's own model once it is finished; and the notebook says what the model says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessonlib.course.activities import TRIP_FAILURE, TRIP_LINKS_PART, TRIP_MODEL
from lessonlib.course.capstone import (
    hand_in_trip_failure,
    hand_in_trip_links,
    hand_in_trip_model,
    review_trip_failure,
    review_trip_links,
    review_trip_model,
    trip_change_counts,
    trip_solution,
)
from lessonlib.course.exercise import draft
from lessonlib.course.progress import recall
from lessonlib.decisions import decide
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.trip_booking import (
    BOOKINGS,
    TRIP_LINKS,
    cancellations_of,
    trip_booking,
    trip_booking_start,
    trip_day,
)

ROOT = Path(__file__).resolve().parents[2]
WHY = "the team that must make sure it happens owns it"


def right_links() -> dict:
    return {link.key: {"kind": decide(link).kind, "owner": decide(link).owner, "why": WHY}
            for link in TRIP_LINKS}


def other(kind: str) -> str:
    return "event" if kind == "command" else "command"


# --------------------------------------------------------------------------- part A


@pytest.mark.parametrize("link", TRIP_LINKS, ids=lambda link: link.key)
def test_a_wrong_kind_gets_a_question_that_does_not_name_the_right_kind(link):
    decisions = right_links()
    right = decide(link).kind
    decisions[link.key]["kind"] = other(right)
    review = review_trip_links(decisions)
    assert not review.ok and review.more == 0
    assert f"'{link.key}'" in review.hint and "?" in review.hint
    assert f"{right}" not in review.hint.replace(f"is an {other(right)}", "").replace(
        f"is a {other(right)}", "")


@pytest.mark.parametrize("link", TRIP_LINKS, ids=lambda link: link.key)
def test_a_wrong_owner_gets_a_question(link):
    decisions = right_links()
    wrong = link.receiver if decide(link).owner == link.sender else link.sender
    decisions[link.key]["owner"] = f"the {wrong} team"
    review = review_trip_links(decisions)
    assert not review.ok and "Which team must make sure" in review.hint


@pytest.mark.parametrize("entry, says", [
    ({"kind": ..., "owner": "Trip", "why": WHY}, "blank kind"),
    ({"kind": "comand", "owner": "Trip", "why": WHY}, "Did you mean 'command'"),
    ({"kind": "command", "owner": ..., "why": WHY}, "blank owner"),
    ({"kind": "command", "owner": "Marketing", "why": WHY}, "a team's name"),
    ({"kind": "command", "owner": "Trip", "why": "..."}, "Say in a sentence"),
    ({"kind": "command", "owner": "Trip", "why": "because"}, "Say in a sentence"),
])
def test_blanks_typos_and_a_missing_reason_get_a_hint(entry, says):
    decisions = right_links() | {"car": entry}
    review = review_trip_links(decisions)
    assert not review.ok and says in review.hint


def test_the_right_decisions_are_handed_in_once_right(fresh_progress):
    decisions = right_links()
    decisions["miles"]["kind"] = "command"
    assert not hand_in_trip_links(decisions).ok
    assert recall(*TRIP_LINKS_PART) is None  # nothing handed in while a hint remains
    decisions = right_links() | {"car": {"kind": " Command", "owner": "the trip team",
                                         "why": WHY}}
    assert hand_in_trip_links(decisions).ok
    assert recall(*TRIP_LINKS_PART) is True


@pytest.mark.parametrize("bad, error, says", [
    ("car: command", LessonTypeError, "a dict"),
    ({"cars": {}}, LessonError, "Did you mean 'car'"),
    ({"car": "command"}, LessonTypeError, "'command'"),
    ({"car": {"kind": "command", "who": "Trip"}}, LessonError, "'who'"),
])
def test_a_malformed_answer_gets_a_sentence(bad, error, says):
    with pytest.raises(error, match=says):
        review_trip_links(bad)


# --------------------------------------------------------------------------- part B


def model(**skip) -> object:
    """The model answer as a draft, written line by line, leaving out what ``skip`` names."""
    d = draft(trip_booking_start())
    for service, (command, answer) in BOOKINGS.items():
        if service not in skip:
            d.add_command(command, sender="Trip", receiver=service)
            d.add_event(answer, emitter=service, subscribers=[] if skip.get(
                "answers") else ["Trip"])
    d.add_event("TripBooked", emitter="Trip", subscribers=["Loyalty"])
    d.add_command("SendConfirmation", sender="Trip", receiver="Documents")
    if "process" not in skip:
        d.add_process("Trip booking", owner="Trip", steps=skip.get(
            "steps", trip_booking().process("Trip booking").steps))
    return d


def test_the_model_answer_passes_and_is_handed_in(fresh_progress):
    assert review_trip_model(model()).ok
    assert hand_in_trip_model(model()).ok and recall(*TRIP_MODEL) is True


def test_the_stored_blanks_give_a_hint_not_a_traceback():
    d = draft(trip_booking_start())
    d.add_process("Trip booking", owner=..., steps=["TripRequested", ...])
    review = review_trip_model(d)
    assert not review.ok and "still has a blank" in review.hint and review.more >= 5


@pytest.mark.parametrize("change, says", [
    (lambda d: (d.model.remove_message("BookHotel"), d.model.remove_message("HotelBooked")),
     "Nothing connects Trip and Hotel"),
    (lambda d: d.model.remove_message("BookHotel"), "Is that the kind you decided"),
    (lambda d: (d.model.remove_message("TripBooked"), d.model.add_command(
        "AwardMiles", sender="Trip", receiver="Loyalty")), "Is that the kind you decided"),
    (lambda d: (d.model.remove_message("ReserveCar"), d.model.remove_message("CarReserved"),
                d.model.add_command("ReserveCar", sender="Car rental", receiver="Trip"),
                d.model.add_event("CarReserved", emitter="Trip", subscribers=["Car rental"])),
     "Who should carry this link"),
    (lambda d: d.model.rename_message("BookFlight", "BookPlane"), "the table names it"),
    (lambda d: d.model.subscribe("Car rental", "TripRequested"), "a link the story"),
    (lambda d: d.model.unsubscribe("Trip", "HotelBooked"), "does not hear it"),
    (lambda d: d.model.add_service("Insurance"), "adds Insurance"),
])
def test_a_wrong_link_gets_a_question(change, says):
    d = model()
    change(d)
    review = review_trip_model(d)
    assert not review.ok and says in review.hint, review.hint


def _steps(*order: str) -> list[str]:
    return ["TripRequested", *order]


@pytest.mark.parametrize("steps, says", [
    (_steps("ReserveCar", "CarReserved", "BookHotel", "HotelBooked", "BookFlight",
            "FlightBooked", "TripBooked"), "leaves out SendConfirmation"),
    (_steps("BookHotel", "HotelBooked", "ReserveCar", "CarReserved", "BookFlight",
            "FlightBooked", "TripBooked", "SendConfirmation"), "BookHotel comes before CarReserved"),
    (_steps("ReserveCar", "BookHotel", "CarReserved", "HotelBooked", "BookFlight",
            "FlightBooked", "TripBooked", "SendConfirmation"), "what must Trip wait for"),
    (_steps("ReserveCar", "CarReserved", "BookHotel", "HotelBooked", "SendConfirmation",
            "BookFlight", "FlightBooked", "TripBooked"), "confirmed before every booking"),
    (["ReserveCar", "TripRequested", "CarReserved", "BookHotel", "HotelBooked", "BookFlight",
      "FlightBooked", "TripBooked", "SendConfirmation"], "What starts"),
])
def test_the_steps_in_the_wrong_order_get_a_question(steps, says):
    review = review_trip_model(model(steps=steps))
    assert not review.ok and says in review.hint, review.hint


def test_a_process_with_no_trip_owner_is_asked_for():
    review = review_trip_model(model(process=True))
    assert "owned by Trip" in review.hint
    with pytest.raises(LessonTypeError, match="draft"):
        review_trip_model(trip_booking())


# --------------------------------------------------------------------------- part C


def test_the_reveal_counts_the_students_model_once_it_is_finished():
    finished, report = trip_change_counts("hotel first", trip_solution())
    assert "Decided link by link, your model:" in report
    unfinished, report = trip_change_counts("hotel first", model(process=True))
    assert "your model is not finished" in report
    assert finished == unfinished == {"choreography": 3, "orchestration": 1, "link by link": 1}


# --------------------------------------------------------------------------- part D


@pytest.mark.parametrize("failing", list(BOOKINGS))
def test_reading_the_day_right_is_handed_in(failing, fresh_progress):
    day = trip_day(failing=failing, failure_rate=0.5, trips=8)
    counts = day.counts()
    cancelled = [t for t, o in day.outcomes().items() if o == "compensated"]
    read = {"booked": counts["completed"], "cancelled": counts["compensated"],
            "cancellations": list(cancellations_of(day, cancelled[0]))}
    assert hand_in_trip_failure(day, read).ok and recall(*TRIP_FAILURE) is True


def test_a_wrong_reading_gets_a_question_never_the_number():
    day = trip_day()
    counts = day.counts()
    first = next(t for t, o in day.outcomes().items() if o == "compensated")
    right = list(cancellations_of(day, first))
    read = {"booked": counts["completed"] + 1, "cancelled": counts["compensated"],
            "cancellations": right}
    hint = review_trip_failure(day, read).hint
    assert "how many rows" in hint and str(counts["completed"]) not in hint
    read |= {"booked": counts["completed"], "cancellations": right[::-1]}
    assert "in which order" in review_trip_failure(day, read).hint
    read |= {"cancellations": right[:1]}
    assert "which of them" in review_trip_failure(day, read).hint
    read |= {"cancellations": [...]}
    assert "still blank" in review_trip_failure(day, read).hint
    with pytest.raises(LessonError, match="'canceled'"):
        review_trip_failure(day, {"canceled": 1})


# --------------------------------------------------------------------------- the notebook


def _cells() -> list[str]:
    nb = json.loads((ROOT / "notebooks" / "09_capstone_trip_booking.ipynb").read_text())
    return ["".join(c["source"]) for c in nb["cells"]]


def test_the_notebooks_link_table_is_the_models():
    rows = {m.group(1): m.groups()[1:] for m in re.finditer(
        r"^\| `(\w+)` \| (.+?), (.+?) \| (.+?) \| `(\w+)` \| `(\w+)` \|$",
        "\n".join(_cells()), re.MULTILINE)}
    assert rows == {link.key: (link.sender, link.receiver, link.activity, link.command,
                               link.event) for link in TRIP_LINKS}


def test_the_stored_exercises_leave_every_decision_to_the_student():
    cells = _cells()
    links = next(c for c in cells if c.startswith("links = {"))
    assert '"command"' not in links and '"event"' not in links and '"Trip"' not in links
    built = next(c for c in cells if c.startswith("trip = draft("))
    assert not re.search(r"^trip\.add_(command|event)\(", built, re.MULTILINE)


def test_the_model_solution_of_the_instructor_edition_passes_every_check(fresh_progress):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_instructor",
                                                  ROOT / "scripts" / "build_instructor.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    import lessonlib

    solutions = {tag: body for kind, tag, body in
                 build.parse(ROOT / "instructor" / "09_capstone_trip_booking.md")
                 if kind == "solution"}
    assert set(solutions) == {"exercise:trip-links", "exercise:trip-model",
                              "exercise:trip-failure"}
    for tag, body in solutions.items():
        space = {name: getattr(lessonlib, name) for name in lessonlib.__all__}
        space["day"] = trip_day()
        lines = body.rstrip().splitlines()
        exec("\n".join(lines[:-1]), space)  # noqa: S102 - the course's own solution
        assert eval(lines[-1], space).ok, tag  # noqa: S307 - its last line hands it in
