"""The classroom service on the real hub: who may write and read what, every kind of
activity a lesson asks for, bad input, and load.

Every request goes through the hub's proxy with a token the hub issued, as a
student's kernel sends it (``JUPYTERHUB_API_TOKEN``) or as the instructor's
notebook reads results. The browser side (two students answering, the
instructor's live page, a stopped service) is in test_class_hub.py.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lessonlib.cards.results import results_html
from lessonlib.course import classroom
from lessonlib.course.activities import Activity, activities
from lessonlib.course.classroom import client
from lessonlib.course.quiz import load_quiz, right_number
from lessonlib.course.submit import submit

ACCESS = "access:services!service=classroom"
API = "/services/classroom/api/"
LOAD_REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "classroom-load.json"


@pytest.fixture(scope="module")
def tokens(hub):
    """Tokens as the hub gives them to servers: students may reach the service; the
    instructor also holds the instructor scope."""
    hub.wait_for(lambda: hub.request(API + "answers/mine")[0] in (401, 403),
                 "the classroom service to answer", timeout=120)
    return {"ada": hub.token_for("ada", [ACCESS]), "ben": hub.token_for("ben", [ACCESS]),
            "teacher": hub.token_for("teacher", [ACCESS, classroom.INSTRUCTOR_SCOPE])}


def stored(hub, lesson: str | None = None) -> int:
    """Rows in the service's database (read directly: what was really kept)."""
    with sqlite3.connect(hub.run / "classroom.sqlite") as db:
        if lesson is None:
            return db.execute("select count(*) from submissions").fetchone()[0]
        return db.execute("select count(*) from submissions where lesson = ?",
                          (lesson,)).fetchone()[0]


def option(lesson: str, question_id: str, right: bool) -> str:
    question = load_quiz(lesson).question(question_id)
    return next(o for o in question.options if question.is_right(o) == right)


def answer(lesson="01_commands_and_events", question=None, choice=None, **extra) -> dict:
    quiz = load_quiz(lesson)
    q = quiz.question(question) if question else next(q for q in quiz if q.kind == "single")
    return {"kind": "answer", "lesson": lesson, "question": q.id,
            "choice": choice if choice is not None else [q.options[0]], **extra}


def test_the_answer_is_stored_under_the_tokens_owner_whatever_the_payload_says(hub, tokens):
    def mine(student):
        status, reply = hub.request(API + "answers/mine", token=tokens[student])
        assert status == 200 and reply["student"] == student
        return reply["answers"]

    ada_before, ben_before = mine("ada"), mine("ben")
    status, reply = hub.request(API + "answers", method="POST", token=tokens["ada"],
                                body=answer(user="ben", student="ben", name="ben"))
    assert (status, reply["student"]) == (201, "ada")
    assert mine("ben") == ben_before  # nothing was written as Ben
    added = mine("ada")[len(ada_before):]
    assert [(a["lesson"], a["item"]) for a in added] == [(answer()["lesson"],
                                                           answer()["question"])]


@pytest.mark.parametrize("body, status, says", [
    (b"not json", 400, "JSON object"),
    (b"\xff\xfe", 400, "JSON object"),
    (b"[1, 2]", 422, "A submission is a JSON object"),
    (json.dumps({"kind": "vote"}).encode(), 422, "'kind' must be"),
    (answer(lesson="00_start_here", question="event-is", choice=["<script>alert(1)</script>"]),
     422, "is not an option"),
    (answer() | {"lesson": "99_unknown"}, 422, "no lesson"),
    (answer(question=None) | {"question": "no-such-question"}, 422, "has no activity"),
    ({"kind": "quiz", "lesson": "03_the_event_chain_trap", "key": "drop-the-warehouse",
      "value": ["lots"]}, 422, "must be a whole number from 0 to 99"),
    ({"kind": "prediction", "lesson": "06_sagas_that_earn_their_timers",
      "key": "inconsistent orders at the default time frame",
      "value": {"inconsistent orders": 201}}, 422, "from 0 to 200"),
    ({"kind": "prediction", "lesson": "04_criminal_check_exercise", "key": "criminal check",
      "values": {"choreography": 1000, "orchestration": 2}}, 422, "from 0 to 99"),
    (b"x" * (classroom.MAX_PAYLOAD + 1), 413, "at most"),
    (b"x" * (2 * 1024 * 1024), 413, "at most"),
])
def test_bad_input_gets_a_4xx_with_a_sentence_and_stores_nothing(hub, tokens, body, status,
                                                                  says):
    before = stored(hub)
    got, reply = hub.request(API + "answers", method="POST", token=tokens["ben"], body=body)
    assert got == status, reply
    assert says in reply["error"]
    assert stored(hub) == before


def test_without_a_token_nothing_is_stored(hub):
    before = stored(hub)
    status, _reply = hub.request(API + "answers", method="POST", token="not-a-token",
                                 body=answer())
    assert status == 403 and stored(hub) == before


@pytest.mark.parametrize("path, method", [
    ("results/01_commands_and_events", "GET"),
    ("results/01?names=0", "GET"),
    ("reset", "POST"),
])
def test_a_student_may_not_read_the_class_or_reset_it(hub, tokens, path, method):
    before = stored(hub)
    status, reply = hub.request(API + path, method=method, token=tokens["ada"],
                                body={} if method == "POST" else None)
    assert status == 403 and "Only an instructor" in reply["error"]
    assert stored(hub) == before


def test_the_instructor_reads_results_from_a_notebook_and_resets_a_lesson(
        hub, tokens, monkeypatch):
    # What class_results("02") does in the instructor's kernel, with their server's token.
    monkeypatch.setenv(classroom.ENV_URL, hub.url + "/services/classroom/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens["teacher"])
    lesson, question = "02_who_depends_on_whom", load_quiz("02_who_depends_on_whom").questions[0]
    wrong, right = (option(lesson, question.id, False), option(lesson, question.id, True))
    for token, choices in ((tokens["ada"], [wrong, right]), (tokens["ben"], [right])):
        for choice in choices:  # Ada answers twice: vote, discuss, vote again
            payload = answer(lesson=lesson, question=question.id, choice=[choice])
            assert hub.request(API + "answers", method="POST", token=token, body=payload)[0] == 201
    results = classroom.fetch_results("02")
    first = results["questions"][0]
    assert first["answered"] == 2
    assert first["first"] == {wrong: 1, right: 1} and first["latest"] == {right: 2}
    assert {s["student"]: s["right"] for s in results["completion"]} == {"ada": 1, "ben": 1}
    assert "completion" not in classroom.fetch_results("02", names=False)
    assert classroom.reset_class_results("02").startswith("Forgot 3 answer(s) to lesson 02_")
    assert stored(hub, lesson) == 0


def value_for(a: Activity, n: int) -> object:
    """A value a student could give ``a`` (the n-th student of the class gives another)."""
    if a.shape == "numeric":
        return [str(right_number(a.question) + n)]
    if a.shape == "counts":
        return {label: min(n + i, a.most) for i, label in enumerate(a.labels)}
    if a.shape in ("choices", "per item"):
        return {label: a.choices_of(label)[n % len(a.choices_of(label))] for label in a.labels}
    if a.shape == "done":
        return True
    return [a.options[n % len(a.options)]]


def test_every_kind_of_activity_reaches_the_instructor(hub, tokens, monkeypatch, tmp_path):
    """Numeric answers, every prediction of every lesson, the classification and every
    exercise, sent as a student's kernel sends them (lessonlib.course.submit), then read
    as the instructor's notebook reads them."""
    sent = [a for a in activities() if a.kind != "quiz" or a.shape == "numeric"]
    assert {a.kind for a in sent} == {"quiz", "prediction", "classification", "exercise"}
    monkeypatch.setenv(classroom.ENV_URL, hub.url + "/services/classroom/")
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setattr(client, "_told", False)
    client.take_notices()
    for student, n in (("ada", 0), ("ben", 1)):
        monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens[student])
        for a in sent:
            assert submit(a, value_for(a, n)) == []
        assert classroom.flush(timeout=60)
    assert client.take_notices() == []  # the service took every one of them

    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens["teacher"])
    for lesson in sorted({a.lesson for a in sent}):
        results = classroom.fetch_results(lesson)
        entries = {entry.get("id", entry.get("key")): entry for section in (
            "questions", "predictions", "classifications", "exercises")
            for entry in results[section]}
        page = results_html(results)
        for a in (a for a in sent if a.lesson == lesson):
            got = entries[a.key]
            if a.shape == "numeric":
                right = right_number(a.question)
                assert got["latest"] == {str(right): 1, str(right + 1): 1}, a
                assert f"<td>{right + 1}</td>" in page
            elif a.kind == "prediction":
                assert got["answered"] == 2, a
                for label in a.labels:
                    given = [str(value_for(a, n)[label]) for n in (0, 1)]
                    assert sum(got["values"][label].get(v, 0) for v in set(given)) == 2, a
                assert f"Prediction: {a.title}" in page
            elif a.shape == "per item":
                assert got["answered"] == 2 and [i["answered"] for i in got["items"]] == [
                    2] * len(a.labels), a
            else:
                assert got["done"] == 2, a
                assert a.title in page
        done = {s["student"]: s["done"] for s in results["completion"]}
        others = sum(a.lesson == lesson and a.kind != "quiz" for a in sent)
        assert done == {"ada": others, "ben": others}, lesson
    for lesson in sorted({a.lesson for a in sent}):  # the class is as the other tests left it
        classroom.reset_class_results(lesson)


STUDENTS = 200
LOAD_LESSON = "08_check_your_understanding"


def test_200_students_answering_within_a_minute_lose_nothing(hub, tokens):
    quiz = load_quiz(LOAD_LESSON)
    questions = [q for q in quiz][:2]
    names = [f"student{n:03d}" for n in range(STUDENTS)]
    hub.api("users", method="POST", body={"usernames": names})
    with ThreadPoolExecutor(8) as pool:
        student_tokens = list(pool.map(lambda n: hub.token_for(n, [ACCESS]), names))
    payloads = [(token, {"kind": "answer", "lesson": LOAD_LESSON, "question": q.id,
                         "choice": [q.options[i % len(q.options)]]})
                for i, token in enumerate(student_tokens) for q in questions]
    before = stored(hub, LOAD_LESSON)

    def send(item):
        token, body = item
        started = time.perf_counter()
        status, _reply = hub.request(API + "answers", method="POST", token=token, body=body,
                                     timeout=60)
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(32) as pool:  # a bounded burst: every student at once
        outcomes = list(pool.map(send, payloads))
    seconds = time.perf_counter() - started
    latencies = sorted(t for _s, t in outcomes)
    figures = {
        "students": STUDENTS, "answers_sent": len(payloads),
        "accepted": sum(s == 201 for s, _t in outcomes),
        "stored": stored(hub, LOAD_LESSON) - before,
        "seconds": round(seconds, 1),
        "latency_s": {"median": round(statistics.median(latencies), 3),
                      "p95": round(latencies[int(0.95 * len(latencies)) - 1], 3),
                      "max": round(latencies[-1], 3)},
    }
    figures["lost"] = figures["answers_sent"] - figures["stored"]
    LOAD_REPORT.parent.mkdir(parents=True, exist_ok=True)
    LOAD_REPORT.write_text(json.dumps(figures, indent=1))
    print(json.dumps(figures, indent=1))
    assert figures["accepted"] == figures["stored"] == len(payloads), figures
    assert seconds < 60, figures
    status, results = hub.request(API + f"results/{LOAD_LESSON}?names=0", token=tokens["teacher"])
    assert status == 200
    assert [q["answered"] for q in results["questions"][:2]] == [STUDENTS, STUDENTS]
