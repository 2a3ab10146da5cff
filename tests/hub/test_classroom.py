"""The classroom service on the real hub: who may write and read what, every kind of
activity a lesson asks for, bad input of every kind, resends stored once, resets only when
said exactly, and the service's own manners (JSON 404s, an access log, its headers).

Every request goes through the hub's proxy with a token the hub issued, as a
student's kernel sends it (``JUPYTERHUB_API_TOKEN``) or as the instructor's
notebook reads results. The browser side (two students answering, the
instructor's live page, a stopped service) is in test_class_hub.py; 200 students at
once, and the faults, in test_load.py.
"""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from hubserver import AUTH_CACHE

from lessonlib.cards.results import results_html
from lessonlib.classroom_web.base import AUTH_CACHE_MOST, auth_cache
from lessonlib.course import classroom
from lessonlib.course.activities import Activity, activities
from lessonlib.course.classroom import client
from lessonlib.course.quiz import load_quiz, right_number
from lessonlib.course.submit import submit

ACCESS = "access:services!service=classroom"
API = "/services/classroom/api/"


@pytest.fixture(scope="module")
def tokens(hub):
    """Tokens as the hub gives them to servers: students may reach the service; the
    instructor also holds the instructor scope."""
    hub.wait_for(lambda: hub.request(API + "answers/mine")[0] in (401, 403),
                 "the classroom service to answer", timeout=120)
    return {"ada": hub.token_for("ada", [ACCESS]), "ben": hub.token_for("ben", [ACCESS]),
            "teacher": hub.token_for("teacher", [ACCESS, classroom.INSTRUCTOR_SCOPE])}


def option(lesson: str, question_id: str, right: bool) -> str:
    question = load_quiz(lesson).question(question_id)
    return next(o for o in question.options if question.is_right(o) == right)


def answer(lesson="01_commands_and_events", question=None, choice=None, **extra) -> dict:
    quiz = load_quiz(lesson)
    q = quiz.question(question) if question else next(q for q in quiz if q.kind == "single")
    return {"kind": "answer", "lesson": lesson, "question": q.id,
            "choice": choice if choice is not None else [q.options[0]], **extra}


def mine(hub, tokens, student):
    status, reply = hub.request(API + "answers/mine", token=tokens[student])
    assert status == 200 and reply["student"] == student
    return reply["answers"]


def test_the_answer_is_stored_under_the_tokens_owner_and_a_name_in_the_body_is_refused(
        hub, tokens, stored):
    ada_before, ben_before = mine(hub, tokens, "ada"), mine(hub, tokens, "ben")
    for field in ("user", "student", "name"):
        status, reply = hub.request(API + "answers", method="POST", token=tokens["ada"],
                                    body=answer(**{field: "ben"}))
        assert status == 422 and f"'{field}' is not one of them" in reply["error"]
    assert mine(hub, tokens, "ben") == ben_before and mine(hub, tokens, "ada") == ada_before
    status, reply = hub.request(API + "answers", method="POST", token=tokens["ada"],
                                body=answer())
    assert (status, reply["student"]) == (201, "ada")
    added = mine(hub, tokens, "ada")[len(ada_before):]
    assert [(a["lesson"], a["item"]) for a in added] == [(answer()["lesson"],
                                                           answer()["question"])]


def test_a_resent_answer_is_stored_once_per_student(hub, tokens, stored):
    body = answer() | {"id": "resend-0001"}
    before = stored()
    replies = [hub.request(API + "answers", method="POST", token=tokens[who], body=body)
               for who in ("ada", "ada", "ben", "ada")]
    assert [status for status, _reply in replies] == [201, 200, 201, 200]
    assert [reply["new"] for _status, reply in replies] == [True, False, True, False]
    assert stored() == before + 2  # Ada's once, Ben's (his own id space) once


@pytest.mark.parametrize("body, status, says", [
    (b"not json", 400, "JSON object"),
    (b"\xff\xfe", 400, "JSON object"),
    (b"[" * 5000, 400, "nests brackets 5,000 deep"),
    (b'{"kind": "answer", "kind": "quiz"}', 400, "names 'kind' twice"),
    (b'{"kind": "quiz", "value": [' + b"9" * 4500 + b"]}", 400, "at most 9 digits"),
    (b'{"kind": "quiz", "value": [NaN]}', 400, "JSON has no NaN"),
    (answer() | {"correct": True}, 422, "'correct' is not one of them"),
    (answer() | {"id": "x"}, 422, "'id' is 8 to 64"),
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
def test_bad_input_gets_a_4xx_with_a_sentence_and_stores_nothing(hub, tokens, stored, body,
                                                                  status, says):
    before = stored()
    got, reply = hub.request(API + "answers", method="POST", token=tokens["ben"], body=body)
    assert got == status, reply
    assert says in reply["error"]
    assert stored() == before


def test_without_a_token_nothing_is_stored(hub, stored):
    before = stored()
    status, _reply = hub.request(API + "answers", method="POST", token="not-a-token",
                                 body=answer())
    assert status == 403 and stored() == before


def test_a_user_name_longer_than_the_database_keeps_gets_a_sentence(hub, stored):
    name = "x" * 300
    hub.api("users", method="POST", body={"usernames": [name]})
    token = hub.token_for(name, [ACCESS])
    before = stored()
    status, reply = hub.request(API + "answers", method="POST", token=token, body=answer())
    assert status == 422 and "has 300 characters" in reply["error"]
    assert stored() == before


@pytest.mark.parametrize("path", ["nothing-here", "answers/everyone", "results"])
def test_an_unknown_address_is_a_json_404_with_a_sentence(hub, tokens, path):
    status, reply = hub.request(API + path, token=tokens["ada"])
    assert status == 404 and "no such address" in reply["error"]


def test_the_health_check_says_how_the_database_answers_without_a_sign_in(hub):
    status, reply = hub.request(API + "health", token="none")
    assert status == 200 and reply["database"] == "ok" and reply["waiting"] >= 0


def test_the_pages_may_not_be_framed_and_every_request_is_logged(hub, tokens):
    request = urllib.request.Request(hub.url + "/services/classroom/lessons/01",
                                     headers={"Authorization": f"token {tokens['teacher']}"})
    with urllib.request.urlopen(request, timeout=30) as page:
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    hub.request(API + "answers/mine", token=tokens["ben"])
    log = hub.log.read_text(errors="replace")
    assert "classroom] 200 GET /services/classroom/api/answers/mine ben" in log
    assert tokens["ben"] not in log


@pytest.mark.parametrize("path, method", [
    ("results/01_commands_and_events", "GET"),
    ("results/01?names=0", "GET"),
    ("concept-check", "GET"),
    ("reset", "POST"),
])
def test_a_student_may_not_read_the_class_or_reset_it(hub, tokens, stored, path, method):
    before = stored()
    status, reply = hub.request(API + path, method=method, token=tokens["ada"],
                                body={"all": True} if method == "POST" else None)
    assert status == 403 and "Only an instructor" in reply["error"]
    assert stored() == before


@pytest.mark.parametrize("body", [
    b'"01"', b'["01"]', b'{"lessons": "01"}', b'{"lesson": null}', b"3", b"{}", b"",
    b'{"all": false}', b'{"all": "yes"}', b'{"all": 1}', b'{"all": true, "lesson": "01"}',
    b'{"lesson": ["01"]}', b"null", b"not json",
])
def test_a_reset_that_does_not_say_exactly_what_forgets_nothing(hub, tokens, stored, body):
    hub.request(API + "answers", method="POST", token=tokens["ada"], body=answer())
    before = stored()
    status, reply = hub.request(API + "reset", method="POST", token=tokens["teacher"],
                                body=body)
    assert status == 400 and '{"all": true}' in reply["error"], reply
    assert stored() == before > 0


def test_a_reset_of_a_lesson_that_does_not_exist_forgets_nothing(hub, tokens, stored):
    before = stored()
    status, reply = hub.request(API + "reset", method="POST", token=tokens["teacher"],
                                body={"lesson": "99"})
    assert status == 404 and "99" in reply["error"] and stored() == before


def test_the_instructor_reads_results_from_a_notebook_and_resets_a_lesson(
        hub, tokens, stored, monkeypatch):
    # What class_results("02") does in the instructor's kernel, with their server's token.
    monkeypatch.setenv(classroom.ENV_URL, hub.url + "/services/classroom/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens["teacher"])
    classroom.reset_class_results("02")
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
    assert stored(lesson) == 0


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
    sent = [a for a in activities() if (a.kind != "quiz" or a.shape == "numeric")
            and a.kind != "concept check"]  # the concept check has a test of its own, below
    assert {a.kind for a in sent} == {"quiz", "prediction", "classification", "exercise"}
    monkeypatch.setenv(classroom.ENV_URL, hub.url + "/services/classroom/")
    for student, n in (("ada", 0), ("ben", 1)):
        # each student's kernel: their own progress file (and outbox), their own token
        monkeypatch.setenv("LESSONLIB_PROGRESS", str(tmp_path / student / "progress.json"))
        monkeypatch.setenv("JUPYTERHUB_API_TOKEN", tokens[student])
        for a in sent:
            assert submit(a, value_for(a, n)) == []
        assert classroom.flush(timeout=60)
        assert client.take_notices() == []  # the service took every one of them

    client._current().stop()
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


def test_the_services_trust_in_a_token_is_short(monkeypatch):
    monkeypatch.delenv("LESSONLIB_CLASSROOM_AUTH_CACHE", raising=False)
    assert auth_cache() == 30 <= AUTH_CACHE_MOST <= 60
    for said, used in (("5", 5), ("600", 60), ("0", 1), ("soon", 30)):
        monkeypatch.setenv("LESSONLIB_CLASSROOM_AUTH_CACHE", said)
        assert auth_cache() == used


def test_the_class_sees_its_concept_check_gain_before_and_after(hub, tokens, stored):
    """Two students hand in both forms of the concept check, as their kernels send them
    (one submission per item, each with its id; one sent twice is kept once); the
    instructor reads the class's distributions and average normalized gain, as JSON and on
    the live page; a student may not, and a query the service does not take is refused."""
    from lessonlib.course.classroom import payload
    from lessonlib.course.concept_check import FORMS, form_items

    def value(a, right: bool) -> list[str]:
        if a.shape == "numeric":
            return [str(right_number(a.question) + (0 if right else 1))]
        return [next(o for o in a.options if a.question.is_right(o) == right)]

    plan = {"ada": {"pre": 3, "post": 12}, "ben": {"pre": 6, "post": 9}}  # items right
    for student, scores in plan.items():
        for form, right in scores.items():
            for n, a in enumerate(form_items(form)):
                body = {**payload(a, value(a, n < right)), "id": f"{student}-{form}-{n:04d}"}
                status, reply = hub.request(API + "answers", method="POST",
                                            token=tokens[student], body=body)
                assert status == 201 and reply["new"] is True, reply
    before = stored()
    status, reply = hub.request(API + "answers", method="POST", token=tokens["ada"],
                                body={**body, "value": value(a, False)})  # ben's last, resent
    assert status == 201 and stored() == before + 1  # ada's own id space: a new answer
    status, reply = hub.request(API + "answers", method="POST", token=tokens["ben"], body=body)
    assert status == 200 and reply["new"] is False and stored() == before + 1
    status, gain = hub.request(API + "concept-check", token=tokens["teacher"])
    assert status == 200, gain
    assert gain["both"] == 2 and gain["most"] == 12
    assert gain["forms"]["pre"]["distribution"] == {"3": 1, "6": 1}
    assert gain["forms"]["post"]["distribution"] == {"9": 1, "12": 1}  # first answers count
    assert gain["gain"] == pytest.approx((10.5 - 4.5) / (12 - 4.5))  # 0.8, from the means
    assert gain["mean_of_gains"] == pytest.approx((9 / 9 + 3 / 6) / 2)
    assert {s["student"]: (s["pre"], s["post"]) for s in gain["students"]} == {
        "ada": (3, 12), "ben": (6, 9)}
    status, room = hub.request(API + "concept-check?names=0", token=tokens["teacher"])
    assert status == 200 and "students" not in room and room["gain"] == gain["gain"]
    status, page = hub.request("/services/classroom/concept-check?room=1",
                               token=tokens["teacher"])
    assert status == 200 and "+80%" in page and "ada" not in page
    status, page = hub.request("/services/classroom/concept-check/fragment?room=0",
                               token=tokens["teacher"])
    assert status == 200 and "+80%" in page and "ada" in page
    assert hub.request(API + "concept-check", token=tokens["ada"])[0] == 403
    for query, said in (("names=maybe", "got names='maybe'"), ("names=0&names=1", "got names="),
                        ("lesson=00", "'lesson' is not one of them")):
        status, reply = hub.request(API + f"concept-check?{query}", token=tokens["teacher"])
        assert status == 400 and "takes names=0 or 1" in reply["error"] and said in reply[
            "error"], reply
    status, page = hub.request("/services/classroom/concept-check?room=yes",
                               token=tokens["teacher"])
    assert status == 400 and "takes room=0 or 1" in page
    status, reply = hub.request(API + "results/01?names=no", token=tokens["teacher"])
    assert status == 400 and "takes names=0 or 1" in reply["error"]
    for lesson in FORMS.values():  # the class is as the other tests left it
        status, reply = hub.request(API + "reset", method="POST", token=tokens["teacher"],
                                    body={"lesson": lesson})
        assert status == 200, reply
    assert hub.request(API + "concept-check", token=tokens["teacher"])[1]["both"] == 0


def test_a_revoked_token_stops_working_within_the_services_cache(hub):
    token = hub.token_for("ben", [ACCESS])
    assert hub.request(API + "answers/mine", token=token)[0] == 200
    found = hub.api("users/ben/tokens")
    tokens = found["api_tokens"] if isinstance(found, dict) else found
    ids = [t["id"] for t in tokens if t.get("note") == "tests/hub"]
    for token_id in ids:
        hub.api(f"users/ben/tokens/{token_id}", method="DELETE")
    started = time.monotonic()
    hub.wait_for(lambda: hub.request(API + "answers/mine", token=token)[0] == 403,
                 "the revoked token to be refused", timeout=AUTH_CACHE + 10)
    assert time.monotonic() - started <= AUTH_CACHE + 5
