"""Sending to the classroom service never gets in a lesson's way, and every widget that
takes an answer hands it in through one course function (lessonlib.course.submit).

What the service accepts is tests/course/test_classroom_contract.py; the service
itself runs on a real hub in tests/hub/ (``make test-hub``).
"""

from __future__ import annotations

import http.server
import json
import queue
import threading
import time

import pytest

from lessonlib.course import classroom
from lessonlib.course.classroom import client
from lessonlib.course.quiz import load_quiz, right_number
from lessonlib.widgets.quiz import QuizView

LESSON = "00_start_here"


@pytest.fixture(autouse=True)
def fresh_client(monkeypatch, fresh_progress):
    monkeypatch.setattr(client, "_told", False)
    classroom.take_notices()
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "test-token")
    yield
    classroom.flush(timeout=15)
    classroom.take_notices()


class _Recorder(http.server.BaseHTTPRequestHandler):
    delay = 0.0
    status = 201
    seen: list[tuple[str, str, bytes]] = []

    def do_POST(self):  # noqa: N802 - the standard library's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.delay)
        type(self).seen.append((self.path, self.headers["Authorization"], body))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def service(monkeypatch):
    """A stand-in classroom service on 127.0.0.1 that records what it is sent."""
    handler = type("Handler", (_Recorder,), {"seen": [], "delay": 0.0, "status": 201})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(classroom.ENV_URL, f"http://127.0.0.1:{server.server_port}/svc/")
    yield handler
    server.shutdown()
    server.server_close()


def right_and_wrong(question_id="event-is"):
    question = load_quiz(LESSON).question(question_id)
    right = next(o for o in question.options if question.is_right(o))
    wrong = next(o for o in question.options if not question.is_right(o))
    return question, right, wrong


def check(view: QuizView, option: str) -> float:
    """Pick ``option`` in the first question and press Check; return the seconds it took."""
    qv = view.questions[0]
    qv.select([option])
    started = time.perf_counter()
    qv.check.click()
    return time.perf_counter() - started


def test_without_a_service_nothing_is_sent_and_nothing_is_said(monkeypatch):
    monkeypatch.delenv(classroom.ENV_URL, raising=False)
    assert classroom.send_answer(LESSON, "event-is", ["x"]) is False
    assert classroom.take_notices() == []


def test_a_checked_answer_is_saved_then_sent_with_the_servers_token(service):
    _question, right, _wrong = right_and_wrong()
    view = QuizView(load_quiz(LESSON))
    check(view, right)
    assert classroom.flush(timeout=15)
    (path, auth, body), = service.seen
    assert path == "/svc/api/answers" and auth == "token test-token"
    assert json.loads(body) == {"kind": "quiz", "lesson": LESSON, "key": "event-is",
                                "value": [right]}
    assert b"user" not in body  # the service learns who it is from the token alone
    assert view.notice.value == ""


def test_a_slow_service_never_delays_the_quiz(service):
    service.delay = 3.0
    _question, right, wrong = right_and_wrong()
    view = QuizView(load_quiz(LESSON))
    took = check(view, wrong)
    assert took < 1.0, f"Check took {took:.1f} s while the service was slow"
    assert "Not quite." in view.questions[0].feedback.value  # the quiz answered as always
    assert classroom.flush(timeout=20)
    assert len(service.seen) == 1


@pytest.mark.parametrize("status", [500, 403, 422])
def test_a_failing_service_changes_nothing_but_one_sentence(service, status):
    service.status = status
    _question, right, wrong = right_and_wrong()
    view = QuizView(load_quiz(LESSON))
    check(view, wrong)
    assert classroom.flush(timeout=15)
    check(view, right)  # the notice shows at the next Check, once
    assert classroom.flush(timeout=15)
    check(view, wrong)
    assert "Not quite." in view.questions[0].feedback.value  # the quiz answered as always
    assert view.notice.value.count("did not take your last answer") == 1
    assert view.score.value == "Score: 0 / 2"


def test_a_stopped_service_is_one_sentence_too(monkeypatch):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv(classroom.ENV_URL, f"http://127.0.0.1:{port}/")
    assert classroom.send_answer(LESSON, "event-is", ["x"]) is True
    assert classroom.flush(timeout=15)
    assert classroom.take_notices() == [client._NOT_SENT]


def test_a_full_queue_drops_answers_rather_than_wait(service, monkeypatch):
    service.delay = 2.0
    sender = client._Sender()
    sender.queue = queue.Queue(2)
    monkeypatch.setattr(client, "_sender", sender)
    sent = [classroom.send_answer(LESSON, "event-is", ["x"]) for _ in range(5)]
    assert sent.count(False) >= 2
    assert classroom.take_notices() == [client._NOT_SENT]


# --------------------------------------------------------------------------- what each widget hands in


def sent(service) -> list[dict]:
    """What the stand-in service received, as JSON objects."""
    assert classroom.flush(timeout=15)
    return [json.loads(body) for _path, _auth, body in service.seen]


def test_a_saved_prediction_is_sent_once_and_a_refused_one_not_at_all(service):
    from lessonlib.widgets.prediction import predict_criminal_check

    view = predict_criminal_check()
    view.inputs["choreography"].value = "two"
    view.inputs["orchestration"].value = "lots"  # not a number: nothing saved, nothing sent
    view.save.click()
    view.inputs["orchestration"].value = "3"
    view.save.click()
    view.save.click()  # the same prediction again: nothing new to send
    assert classroom.flush(timeout=15)
    (_path, _auth, body), = service.seen
    assert b'"kind": "prediction"' in body and b'"orchestration": 3' in body


def test_a_numeric_answer_is_sent_as_the_number_given(service):
    view = QuizView(load_quiz("03_the_event_chain_trap"))
    qv = next(q for q in view.questions if q.question.kind == "numeric")
    qv.number.value = str(right_number(qv.question))
    qv.check.click()
    assert sent(service) == [{"kind": "quiz", "lesson": "03_the_event_chain_trap",
                              "key": qv.question.id,
                              "value": [str(right_number(qv.question))]}]
    assert view.notice.value == ""


def test_a_practice_quiz_is_saved_but_never_sent(service, demo_questions):
    from lessonlib.course.progress import saved_answers

    view = QuizView(load_quiz(demo_questions, name="practice"))
    view.questions[0].select(["a fact about the past"])
    view.questions[0].check.click()
    assert saved_answers("practice")["event-is"]["correct"] is True
    assert sent(service) == []  # not one of the course's activities: the service would refuse
    assert view.notice.value == ""


def test_the_classification_sends_every_checked_answer(service):
    from lessonlib.widgets.classify import classification_exercise

    box = classification_exercise()
    for name, answer in (("OrderPlaced", "event"), ("ShipGoods", "Command")):
        box.rows[name].answer.value = answer
        box.rows[name].check.click()
    box.rows["FetchGoods"].answer.value = "comand?"  # unreadable: not graded, not sent
    box.rows["FetchGoods"].check.click()
    assert [s["value"] for s in sent(service)] == [
        {"OrderPlaced": "event"}, {"OrderPlaced": "event", "ShipGoods": "command"}]
    assert box.notice.value == ""


def test_a_finished_part_of_the_exercise_is_sent_and_a_reveal_sends_nothing(service):
    from lessonlib.course.exercise import (
        criminal_check_counts,
        criminal_check_solution,
        hand_in_criminal_check,
    )

    criminal_check_counts(criminal_check_solution("choreography"))  # counting hands nothing in
    assert sent(service) == []
    assert hand_in_criminal_check(criminal_check_solution("orchestration")).ok
    assert sent(service) == [{"kind": "exercise", "lesson": "04_criminal_check_exercise",
                              "key": "exercise:criminal-check-orchestration", "value": True}]


def test_a_failing_service_is_said_once_under_a_prediction_too(service):
    from lessonlib.widgets.prediction import predict_criminal_check

    service.status = 500
    view = predict_criminal_check()
    view.inputs["choreography"].value = "1"
    view.inputs["orchestration"].value = "1"
    view.save.click()
    assert classroom.flush(timeout=15)
    view.inputs["orchestration"].value = "2"
    view.save.click()  # the notice of the first send shows at the next one
    assert "did not take your last answer" in view.feedback.value
    assert "Saved: choreography 1, orchestration 2." in view.feedback.value


def test_the_onboarding_guess_sends_the_answers_given(service):
    from lessonlib import hand_in_onboarding_guess

    hand_in_onboarding_guess({"address check": "?", "welcome letter": "?"})  # nothing given yet
    hand_in_onboarding_guess({"address check": "Command", "welcome letter": "?"})
    assert sent(service) == [{"kind": "exercise", "lesson": "02_who_depends_on_whom",
                              "key": "exercise:onboarding-guess",
                              "value": {"address check": "command"}}]
