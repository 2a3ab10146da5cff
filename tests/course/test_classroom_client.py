"""Sending answers to the classroom service never gets in a quiz's way; what the service
accepts is checked in one place; the results page escapes what it shows.

The service itself runs on a real hub in tests/hub/ (``make test-hub``).
"""

from __future__ import annotations

import http.server
import queue
import threading
import time

import pytest

from lessonlib.course import classroom
from lessonlib.course.quiz import load_quiz
from lessonlib.errors import LessonError
from lessonlib.widgets.quiz import QuizView

LESSON = "00_start_here"


@pytest.fixture(autouse=True)
def fresh_client(monkeypatch, fresh_progress):
    monkeypatch.setattr(classroom, "_told", False)
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
    assert b'"choice": ["' + right.encode() + b'"]' in body
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
    assert classroom.take_notices() == [classroom._NOT_SENT]


def test_a_full_queue_drops_answers_rather_than_wait(service, monkeypatch):
    service.delay = 2.0
    sender = classroom._Sender()
    sender.queue = queue.Queue(2)
    monkeypatch.setattr(classroom, "_sender", sender)
    sent = [classroom.send_answer(LESSON, "event-is", ["x"]) for _ in range(5)]
    assert sent.count(False) >= 2
    assert classroom.take_notices() == [classroom._NOT_SENT]


# --------------------------------------------------------------------------- what is accepted


def test_a_valid_answer_is_graded_by_the_checker_not_the_sender():
    _question, right, _wrong = right_and_wrong()
    payload = {"kind": "answer", "lesson": LESSON, "question": "event-is", "choice": [right],
               "correct": False, "user": "someone else"}
    assert classroom.check_answer_payload(payload) == (LESSON, "event-is", (right,), True)


@pytest.mark.parametrize("payload, says", [
    ([], "JSON object with kind 'answer'"),
    ({"kind": "answer", "lesson": "99_nothing", "question": "q", "choice": ["a"]},
     "no lesson '99_nothing'"),
    ({"kind": "answer", "lesson": LESSON, "question": "nope", "choice": ["a"]},
     "has no question 'nope'"),
    ({"kind": "answer", "lesson": LESSON, "question": "event-is", "choice": ["<b>hi</b>"]},
     "is not an option"),
    ({"kind": "answer", "lesson": LESSON, "question": "event-is", "choice": "one"},
     "non-empty list"),
    ({"kind": "answer", "lesson": LESSON, "question": "event-is", "choice": []},
     "non-empty list"),
    ({"kind": "answer", "lesson": 3, "question": "event-is", "choice": ["a"]},
     "must be a non-empty string"),
])
def test_a_bad_answer_is_refused_with_a_sentence(payload, says):
    with pytest.raises(LessonError, match=says):
        classroom.check_answer_payload(payload)


def test_a_single_choice_question_takes_one_option():
    question, right, wrong = right_and_wrong()
    with pytest.raises(LessonError, match="takes one option"):
        classroom.check_answer_payload({"kind": "answer", "lesson": LESSON,
                                        "question": question.id, "choice": [right, wrong]})


@pytest.mark.parametrize("values, says", [
    ({"choreography": 2}, "a count for each"),
    ({"choreography": 2, "orchestration": -1}, "from 0 to 99"),
    ({"choreography": 2, "orchestration": True}, "from 0 to 99"),
    ({"choreography": 2, "orchestration": "2"}, "from 0 to 99"),
])
def test_a_bad_prediction_is_refused(values, says):
    payload = {"kind": "prediction", "lesson": "04_criminal_check_exercise",
               "key": "criminal check", "values": values}
    with pytest.raises(LessonError, match=says):
        classroom.check_prediction_payload(payload)


def test_a_prediction_of_an_unknown_key_is_refused():
    with pytest.raises(LessonError, match="saves no prediction"):
        classroom.check_prediction_payload({"kind": "prediction", "lesson": LESSON,
                                            "key": "criminal check", "values": {}})


def test_the_results_page_escapes_names_and_marks_answers_only_when_asked():
    results = {"lesson": LESSON, "title": "Warm-up", "students": 3,
               "questions": [{"id": "q", "prompt": "Pick <one>", "options": ["a", "b"],
                              "correct": ["a"], "answered": 2, "first": {"b": 2},
                              "latest": {"a": 1, "b": 1}}],
               "predictions": [],
               "completion": [{"student": '<img src=x onerror="alert(1)">', "answered": 1,
                               "right": 1}]}
    page = classroom.results_html(results)
    assert "<img" not in page and "&lt;img src=x" in page
    assert "Pick &lt;one&gt;" in page and "Answered: 2 of 3 (67%)" in page
    assert "✓" not in page and "✓" in classroom.results_html(results, reveal=True)
    room = dict(results)
    del room["completion"]
    assert "Per student" not in classroom.results_html(room)


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
