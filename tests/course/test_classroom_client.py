"""Sending to the classroom service never gets in a lesson's way and never loses an answer:
every answer waits in the outbox beside the progress file until a service confirms it, across
a stopped or failing service, a lost confirmation and a kernel restart. Every widget that takes
an answer hands it in through one course function (lessonlib.course.submit).

The service here is a stand-in on 127.0.0.1 that keeps each id once, as the real one does;
what the service accepts is tests/course/test_classroom_contract.py, and the real service on
a real hub, with 200 students and its faults, is tests/hub/ (``make test-hub``).
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time

import pytest

from lessonlib.course import classroom
from lessonlib.course.classroom import client, outbox
from lessonlib.course.quiz import load_quiz, right_number
from lessonlib.course.submit import notices
from lessonlib.widgets.quiz import QuizView

LESSON = "00_start_here"


@pytest.fixture(autouse=True)
def fresh_client(monkeypatch, fresh_progress):
    # Short pauses between tries: the schedule itself is tested below, on its own.
    monkeypatch.setattr(client, "FIRST_PAUSE", 0.05)
    monkeypatch.setattr(client, "LONGEST_PAUSE", 0.2)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "test-token")
    yield
    if client._sender is not None:
        client._sender.stop()
    monkeypatch.setattr(client, "_sender", None)


class _Service(http.server.BaseHTTPRequestHandler):
    """Keeps each (token, id) once, like the classroom service; ``plan`` says what to do
    with the next requests: a status, "drop" (store it, then close without answering)."""

    delay = 0.0
    plan: list = []
    seen: list = []
    stored: dict = {}

    def do_POST(self):  # noqa: N802 - the standard library's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.delay)
        kind = type(self)
        kind.seen.append((self.path, self.headers["Authorization"], body))
        step = kind.plan.pop(0) if kind.plan else 201
        sid = json.loads(body).get("id")
        if step in (201, "drop"):
            status = 200 if sid in kind.stored else 201
            kind.stored.setdefault(sid, json.loads(body))
            if step == "drop":  # stored, but the confirmation never arrives
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
        else:
            status = step
        reply = json.dumps({"error": "That is not an answer."} if status >= 400 else
                           {"stored": True}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def start_service(port: int = 0):
    handler = type("Handler", (_Service,), {"seen": [], "plan": [], "stored": {}, "delay": 0.0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler


@pytest.fixture
def service(monkeypatch):
    """A stand-in classroom service on 127.0.0.1 that records what it is sent."""
    server, handler = start_service()
    monkeypatch.setenv(classroom.ENV_URL, f"http://127.0.0.1:{server.server_port}/svc/")
    yield handler
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def waiting() -> list[dict]:
    return outbox.Outbox(outbox.outbox_path()).entries()


def wait_until(ready, what: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.02)


def test_without_a_service_nothing_is_sent_nothing_is_said_and_nothing_is_kept(monkeypatch):
    monkeypatch.delenv(classroom.ENV_URL, raising=False)
    assert classroom.send_answer(LESSON, "event-is", ["x"]) is False
    assert classroom.take_notices() == []
    assert not outbox.outbox_path().exists()


def test_a_checked_answer_is_saved_then_sent_with_the_servers_token_and_an_id(service):
    _question, right, _wrong = right_and_wrong()
    view = QuizView(load_quiz(LESSON))
    check(view, right)
    assert classroom.flush(timeout=15)
    (path, auth, body), = service.seen
    assert path == "/svc/api/answers" and auth == "token test-token"
    sent = json.loads(body)
    assert sent.pop("id") in service.stored
    assert sent == {"kind": "quiz", "lesson": LESSON, "key": "event-is", "value": [right]}
    assert b"user" not in body and b"test-token" not in outbox.outbox_path().read_bytes()
    assert waiting() == [] and view.notice.value == ""


def test_a_slow_service_never_delays_the_quiz(service):
    service.delay = 3.0
    _question, right, wrong = right_and_wrong()
    view = QuizView(load_quiz(LESSON))
    took = check(view, wrong)
    # Waiting for the service takes 3 s; a Check on a busy test machine can take a second.
    assert took < 2.0, f"Check took {took:.1f} s while the service was slow"
    assert "Not quite." in view.questions[0].feedback.value  # the quiz answered as always
    assert classroom.flush(timeout=20)
    assert len(service.seen) == 1


def test_answers_wait_out_a_stopped_service_with_one_calm_sentence_and_none_on_arrival(
        monkeypatch):
    port = free_port()  # nobody listens here yet
    monkeypatch.setenv(classroom.ENV_URL, f"http://127.0.0.1:{port}/")
    question, right, wrong = right_and_wrong()
    view = QuizView(load_quiz(LESSON))
    check(view, wrong)
    wait_until(lambda: client._sender.waiting, "the first failed post")
    check(view, right)  # said at the next Check, calmly, once
    assert view.notice.value.count("nothing to do") == 1
    assert "Correct" in view.questions[0].feedback.value
    assert [e["payload"]["value"] for e in waiting()] == [[wrong], [right]]
    assert not classroom.flush(timeout=0.3)  # still waiting, and still not blocking

    server, handler = start_service(port)  # the service is back
    try:
        assert classroom.flush(timeout=15)
        assert [json.loads(b)["value"] for _p, _a, b in handler.seen] == [[wrong], [right]]
        assert notices() == []  # nothing is said when they arrive
        assert client._sender.waiting is False
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("failure", [500, 502, 503, 403, 429, "drop"])
def test_an_answer_is_sent_until_confirmed_and_stored_once(service, failure):
    service.plan = [failure, failure, 201]
    assert classroom.send_answer(LESSON, "event-is", ["x"]) is True
    assert classroom.flush(timeout=15)
    ids = {json.loads(body)["id"] for _path, _auth, body in service.seen}
    assert len(service.seen) == 3 and len(ids) == 1  # the same id each time
    assert list(service.stored) == list(ids)  # kept once, even when its reply was lost
    assert classroom.take_notices() == [client.WAITING]


@pytest.mark.parametrize("status", [400, 413, 422])
def test_an_answer_refused_for_good_is_dropped_with_the_services_sentence(service, status):
    service.plan = [status]
    classroom.send_answer(LESSON, "event-is", ["x"])
    classroom.send_answer(LESSON, "event-is", ["y"])
    assert classroom.flush(timeout=15)
    assert len(service.seen) == 2 and len(service.stored) == 1  # the other one went on
    assert classroom.take_notices() == [client.REFUSED_SENTENCE.format(
        why="That is not an answer.")]


def test_what_waits_is_sent_by_the_next_kernel(monkeypatch):
    port = free_port()
    monkeypatch.setenv(classroom.ENV_URL, f"http://127.0.0.1:{port}/")
    _question, right, _wrong = right_and_wrong()
    check(QuizView(load_quiz(LESSON)), right)
    wait_until(lambda: client._sender.posts >= 1, "the first post")
    client._sender.stop()  # the kernel restarts: its thread and memory are gone
    monkeypatch.setattr(client, "_sender", None)
    assert len(waiting()) == 1  # the outbox is on disk

    server, handler = start_service(port)
    try:
        QuizView(load_quiz(LESSON))  # Run All shows the quiz again: the new kernel sends
        wait_until(lambda: handler.stored, "the answer of the previous kernel")
        assert list(handler.stored.values())[0]["value"] == [right]
        assert classroom.flush(timeout=15)
    finally:
        server.shutdown()
        server.server_close()


def test_the_outbox_is_bounded_and_drops_the_oldest(monkeypatch, tmp_path):
    monkeypatch.setattr(outbox, "MAX_ENTRIES", 3)
    box = outbox.Outbox(tmp_path / "progress.outbox.json")
    ids = [box.add({"n": n}) for n in range(5)]
    assert [e["payload"]["id"] for e in box.entries()] == ids[2:]
    assert box.dropped() == 2


def test_a_broken_outbox_is_set_aside_and_sending_goes_on(service):
    path = outbox.outbox_path()
    path.write_text("{not json")
    classroom.send_answer(LESSON, "event-is", ["x"])
    assert classroom.flush(timeout=15)
    assert len(service.stored) == 1
    assert [p.name.split(".corrupt-")[0] for p in path.parent.glob("*.corrupt-*")] == [path.name]


def test_an_outbox_that_cannot_be_written_keeps_its_answers_in_memory(service, monkeypatch,
                                                                     tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(blocked / "progress.json"))  # no such folder
    assert classroom.send_answer(LESSON, "event-is", ["x"]) is True
    assert classroom.flush(timeout=15)
    assert len(service.stored) == 1


def test_the_pause_between_tries_doubles_up_to_the_longest(service, monkeypatch):
    monkeypatch.setattr(client, "FIRST_PAUSE", 1.0)
    monkeypatch.setattr(client, "LONGEST_PAUSE", 8.0)
    monkeypatch.setattr(client.random, "uniform", lambda low, high: high)
    pauses = []
    service.plan = [503] * 6
    sender = client._current()
    monkeypatch.setattr(sender._stop, "wait", lambda seconds: pauses.append(seconds))
    sender.queue({"kind": "quiz", "lesson": LESSON, "key": "event-is", "value": ["x"]})
    assert sender.flush(timeout=15)
    assert pauses == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_handing_in_never_raises_even_when_the_outbox_does(service, monkeypatch):
    def broken(self, body):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(client.Sender, "queue", broken)
    assert classroom.send_answer(LESSON, "event-is", ["x"]) is False


# --------------------------------------------------------------------------- what each widget hands in


def sent(service) -> list[dict]:
    """What the stand-in service received, as JSON objects (without their ids)."""
    assert classroom.flush(timeout=15)
    return [{k: v for k, v in json.loads(body).items() if k != "id"}
            for _path, _auth, body in service.seen]


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


def test_waiting_answers_are_said_once_under_a_prediction_too(service):
    from lessonlib.widgets.prediction import predict_criminal_check

    service.plan = [500] * 3
    view = predict_criminal_check()
    view.inputs["choreography"].value = "1"
    view.inputs["orchestration"].value = "1"
    view.save.click()
    wait_until(lambda: client._sender.waiting, "the first failed post")
    view.inputs["orchestration"].value = "2"
    view.save.click()  # the notice of the first send shows at the next one
    assert "nothing to do" in view.feedback.value
    assert classroom.flush(timeout=15)
    assert "Saved: choreography 1, orchestration 2." in view.feedback.value


def test_the_onboarding_guess_sends_the_answers_given(service):
    from lessonlib import hand_in_onboarding_guess

    hand_in_onboarding_guess({"address check": "?", "welcome letter": "?"})  # nothing given yet
    hand_in_onboarding_guess({"address check": "Command", "welcome letter": "?"})
    assert sent(service) == [{"kind": "exercise", "lesson": "02_who_depends_on_whom",
                              "key": "exercise:onboarding-guess",
                              "value": {"address check": "command"}}]
