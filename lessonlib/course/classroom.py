"""Class results: on a hub with the classroom service, answers are also sent to the instructor.

A student's own progress file (:mod:`lessonlib.course.progress`) stays the
record of their answers. When the environment variable ``LESSONLIB_CLASSROOM_URL``
names the hub's classroom service (:mod:`lessonlib.classroom_web`; the hub's
configuration sets it for every student's server, see ``deploy/README.md``),
each checked quiz answer and each saved prediction is *also* sent there, so the
instructor sees the room's answers live.

Sending never gets in a quiz's way: it happens in one background thread,
from a short queue, with a 5-second timeout; a missing, slow or failing
service changes nothing for the student but one sentence, shown once
(:func:`take_notices`). The student's identity is the hub's token of their
server (``JUPYTERHUB_API_TOKEN``), which the service checks with the hub: no
name is sent.

For the instructor, :func:`fetch_results` reads a lesson's results (the widget
is ``class_results("03")``, in :mod:`lessonlib.widgets.classroom`), and
:func:`results_html` renders them, for the notebook and for the service's own
page alike, escaping everything a student could have typed.

>>> check_answer_payload({"kind": "answer", "lesson": "00_start_here", "question": "event-is",
...                       "choice": ["An event only because it travels through a broker such as Kafka"]})
('00_start_here', 'event-is', ('An event only because it travels through a broker such as Kafka',), False)
>>> check_answer_payload({"kind": "answer", "lesson": "00_start_here", "question": "event-is",
...                       "choice": ["yes"]})
Traceback (most recent call last):
...
lessonlib.errors.LessonError: 'yes' is not an option of question 'event-is' of 00_start_here.
"""

from __future__ import annotations

import html
import json
import os
import queue
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from lessonlib.course.exercise import LESSON as PREDICTION_LESSON
from lessonlib.course.exercise import PREDICTION_KEY, STYLES
from lessonlib.course.lessons import lesson_id
from lessonlib.course.quiz import MAX_COUNT, Quiz, available_quizzes, grade, load_quiz
from lessonlib.errors import LessonError

__all__ = [
    "ENV_URL", "INSTRUCTOR_SCOPE", "MAX_PAYLOAD", "PREDICTIONS", "classroom_url",
    "send_answer", "send_prediction", "take_notices", "flush", "check_answer_payload",
    "check_prediction_payload", "fetch_results", "reset_class_results", "results_html",
]

#: The environment variable that names the classroom service (set by the hub's configuration).
ENV_URL = "LESSONLIB_CLASSROOM_URL"
#: The hub's custom scope that lets a user see the class's answers (with names) and reset them.
INSTRUCTOR_SCOPE = "custom:classroom:instructor"
#: Bytes: the largest payload the service accepts (an answer is a few hundred).
MAX_PAYLOAD = 8 * 1024
#: The predictions a lesson saves: (lesson, key) -> the labels predicted.
PREDICTIONS: dict[tuple[str, str], tuple[str, ...]] = {(PREDICTION_LESSON, PREDICTION_KEY): STYLES}
#: Seconds a student's kernel waits for the service before giving up on one answer.
SEND_TIMEOUT = 5.0
#: Answers waiting to be sent; more than this while the service is slow are dropped.
QUEUE_SIZE = 256

_NOT_SENT = ("The class results service did not take your last answer, so your instructor may "
             "not see it; your answer is saved here as usual.")
_notices: list[str] = []
_told = False


def classroom_url() -> str | None:
    """The classroom service's URL (ending in ``/``), or None when this server has none."""
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def _token() -> str:
    return os.environ.get("JUPYTERHUB_API_TOKEN", "")


def take_notices() -> list[str]:
    """Return (and forget) the sentence about answers the service did not take, if any."""
    taken = list(_notices)
    _notices.clear()
    return taken


def _not_sent() -> None:
    global _told
    if not _told:  # one sentence per kernel, however often the service fails
        _told = True
        _notices.append(_NOT_SENT)


# --------------------------------------------------------------------------- sending


class _Sender:
    """One daemon thread posting queued payloads; nothing it does can raise into a lesson."""

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[str, dict]] = queue.Queue(QUEUE_SIZE)
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def submit(self, url: str, payload: dict) -> bool:
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="lessonlib-classroom",
                                               daemon=True)
                self.thread.start()
        try:
            self.queue.put_nowait((url, payload))
        except queue.Full:
            _not_sent()
            return False
        return True

    def _run(self) -> None:
        while True:
            url, payload = self.queue.get()
            try:
                if not _post(url, payload):
                    _not_sent()
            except Exception:  # noqa: BLE001 - the lesson must never see the service fail
                _not_sent()
            finally:
                self.queue.task_done()

    def flush(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.queue.all_tasks_done:
            while self.queue.unfinished_tasks:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.queue.all_tasks_done.wait(remaining)
        return True


_sender = _Sender()


def _post(url: str, payload: dict) -> bool:
    request = urllib.request.Request(
        url + "api/answers", data=json.dumps(payload).encode("utf-8"), method="POST",
        headers={"Authorization": f"token {_token()}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=SEND_TIMEOUT) as response:
            return 200 <= response.status < 300
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _send(payload: dict) -> bool:
    url = classroom_url()
    if url is None:
        return False
    return _sender.submit(url, payload)


def send_answer(lesson: str, question: str, choice: list[str]) -> bool:
    """Queue a checked answer for the classroom service; False when there is none (or it is full).

    Returns at once; never raises. The quiz widget calls it after saving the answer.
    """
    return _send({"kind": "answer", "lesson": lesson, "question": question,
                  "choice": list(choice)})


def send_prediction(lesson: str, key: str, values: Mapping[str, int]) -> bool:
    """Queue a saved prediction for the classroom service (as :func:`send_answer`)."""
    return _send({"kind": "prediction", "lesson": lesson, "key": key, "values": dict(values)})


def flush(timeout: float = 10.0) -> bool:
    """Wait until every queued payload was sent or given up on; False if ``timeout`` ran out."""
    return _sender.flush(timeout)


# --------------------------------------------------------------------------- checking


_quizzes: dict[str, Quiz] = {}


def _quiz(lesson: str) -> Quiz:
    if not _quizzes:
        for name in available_quizzes():
            _quizzes[name] = load_quiz(name)
    if lesson not in _quizzes:
        raise LessonError(f"There is no lesson {lesson!r} with a quiz.")
    return _quizzes[lesson]


def _text(data: Mapping, key: str, what: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise LessonError(f"{what} ({key!r}) must be a non-empty string; got {value!r}.")
    return value


def check_answer_payload(data: object) -> tuple[str, str, tuple[str, ...], bool]:
    """``(lesson, question, choice, correct)`` from a sent answer, or a :class:`LessonError`.

    The lesson and question must exist and every option chosen must be one of
    the question's (one for a single-choice question); ``correct`` is graded
    here, never taken from the sender.
    """
    if not isinstance(data, Mapping) or data.get("kind") != "answer":
        raise LessonError("An answer is a JSON object with kind 'answer'.")
    lesson = _text(data, "lesson", "The lesson")
    question_id = _text(data, "question", "The question")
    quiz = _quiz(lesson)
    question = quiz.question(question_id)
    choice = data.get("choice")
    if not isinstance(choice, list) or not choice or not all(isinstance(c, str) for c in choice):
        raise LessonError(f"The choice must be a non-empty list of option texts; got {choice!r}.")
    for option in choice:
        if option not in question.options:
            raise LessonError(f"{option!r} is not an option of question {question_id!r} of "
                              f"{lesson}.")
    if len(set(choice)) != len(choice):
        raise LessonError(f"The choice names an option twice: {choice!r}.")
    if question.kind == "single" and len(choice) != 1:
        raise LessonError(f"Question {question_id!r} takes one option; got {len(choice)}.")
    return lesson, question_id, tuple(choice), grade(question, choice).correct


def check_prediction_payload(data: object) -> tuple[str, str, dict[str, int]]:
    """``(lesson, key, values)`` from a sent prediction, or a :class:`LessonError`."""
    if not isinstance(data, Mapping) or data.get("kind") != "prediction":
        raise LessonError("A prediction is a JSON object with kind 'prediction'.")
    lesson = _text(data, "lesson", "The lesson")
    key = _text(data, "key", "The prediction's key")
    labels = PREDICTIONS.get((lesson, key))
    if labels is None:
        raise LessonError(f"Lesson {lesson!r} saves no prediction called {key!r}.")
    values = data.get("values")
    if not isinstance(values, Mapping) or set(values) != set(labels):
        raise LessonError(f"The values must give a count for each of {list(labels)!r}; "
                          f"got {values!r}.")
    for label, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            raise LessonError(f"The count for {label!r} must be a whole number from 0 to "
                              f"{MAX_COUNT}; got {value!r}.")
    return lesson, key, {label: values[label] for label in labels}


# --------------------------------------------------------------------------- the instructor's view


def _get(url: str, method: str = "GET", body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"token {_token()}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        try:
            said = json.loads(error.read().decode("utf-8")).get("error", "")
        except (ValueError, AttributeError, OSError):
            said = ""
        if error.code in (401, 403):
            raise LessonError("The classroom service refused: only an instructor of this hub "
                              f"can see or reset the class's answers. {said}".strip()) from None
        raise LessonError(f"The classroom service answered {error.code}. {said}".strip()) from None
    except (OSError, ValueError) as error:
        raise LessonError(f"The classroom service at {url!r} did not answer ({error}); ask "
                          "the hub's administrator whether it runs.") from None


def _service() -> str:
    url = classroom_url()
    if url is None:
        raise LessonError(f"This server knows no classroom service: {ENV_URL} is not set. "
                          "On a hub, see deploy/README.md for the lines that set it up.")
    return url


def fetch_results(lesson: str, *, names: bool = True) -> dict:
    """A lesson's class results from the service (instructors only); see :func:`results_html`."""
    lesson = lesson_id(lesson)
    query = urllib.parse.urlencode({"names": "1" if names else "0"})
    return _get(f"{_service()}api/results/{lesson}?{query}")


def reset_class_results(lesson: str | None = None) -> str:
    """Forget the class's answers to one lesson, or to every lesson; say how many went."""
    body = {} if lesson is None else {"lesson": lesson_id(lesson)}
    done = _get(f"{_service()}api/reset", method="POST", body=body)
    what = f"lesson {body['lesson']}" if body else "every lesson"
    return f"Forgot {done.get('deleted', 0)} answer(s) to {what}; the students' own progress is kept."


#: Pixels of the longest bar (every student of those who answered picked it).
BAR_PX = 240
_CODE = re.compile(r"`([^`]+)`")


def _bar(label: str, count: int, total: int, css: str) -> str:
    width = 0 if total <= 0 else round(BAR_PX * count / total)
    return (f'<span class="lessonlib-bar-label">{label}</span>'
            f'<span class="lessonlib-bar {css}" style="width: {width}px"></span>'
            f'<span class="lessonlib-count">{count}</span>')


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({round(100 * count / total) if total else 0}%)"


def _shown(value: object) -> str:
    """Escaped, with a quiz's `backticks` as <code> (as the quiz itself shows them)."""
    return _CODE.sub(r"<code>\1</code>", html.escape(str(value)))


_STYLE = """<style>
.lessonlib-results table { border-collapse: collapse; margin: 4px 0 16px 0; }
.lessonlib-results td, .lessonlib-results th { padding: 3px 12px 3px 0; text-align: left;
  vertical-align: middle; }
.lessonlib-results .lessonlib-bars { white-space: nowrap; min-width: 340px; }
.lessonlib-bar-label { display: inline-block; width: 3.5em; font-size: 85%; }
.lessonlib-bar { display: inline-block; height: 12px; vertical-align: middle; }
.lessonlib-first { background: #9ecae1; }
.lessonlib-latest { background: #08519c; }
.lessonlib-count { display: inline-block; min-width: 2.5em; padding-left: 6px; }
</style>"""


def results_html(results: Mapping, *, reveal: bool = False) -> str:
    """The results of one lesson as HTML: per question, first and latest answers as counts
    and bars, and the share of the class that answered; per student, their completion
    (only when the results carry names). Everything from the service is escaped.

    >>> page = results_html({"lesson": "00_start_here", "title": "<b>Quiz</b>", "students": 2,
    ...     "questions": [{"id": "q", "prompt": "Pick", "options": ["a", "b"], "correct": ["a"],
    ...                    "answered": 1, "first": {"b": 1}, "latest": {"a": 1}}],
    ...     "predictions": [], "completion": [{"student": "<ada>", "answered": 1, "right": 1}]})
    >>> "&lt;b&gt;Quiz&lt;/b&gt;" in page and "&lt;ada&gt;" in page and "<ada>" not in page
    True
    """
    esc = html.escape
    students = int(results.get("students", 0))
    parts = [_STYLE, '<div class="lessonlib-results">',
             f"<h3>{_shown(results.get('lesson', ''))}: {_shown(results.get('title', ''))}</h3>",
             f"<p>{students} student(s) have sent answers since the last reset. Per option: "
             "how many students picked it first, and how many pick it now (their latest "
             "answer).</p>"]
    for number, q in enumerate(results.get("questions", []), 1):
        correct = set(q.get("correct", []))
        answered = int(q.get("answered", 0))
        first, latest = q.get("first", {}), q.get("latest", {})
        rows = []
        for option in q.get("options", []):
            mark = " ✓" if reveal and option in correct else ""
            rows.append(
                f"<tr><td>{_shown(option)}{mark}</td><td class='lessonlib-bars'>"
                f"{_bar('first', int(first.get(option, 0)), answered, 'lessonlib-first')}<br>"
                f"{_bar('now', int(latest.get(option, 0)), answered, 'lessonlib-latest')}"
                "</td></tr>")
        parts.append(
            f'<div class="lessonlib-result-question lessonlib-result-{esc(str(q.get("id", "")))}">'
            f"<p><strong>{number}. {_shown(q.get('prompt', ''))}</strong><br>"
            f"Answered: {_share(answered, students)}</p>"
            f"<table><tr><th>Option</th><th>Students</th></tr>{''.join(rows)}</table></div>")
    for p in results.get("predictions", []):
        rows = "".join(
            f"<tr><td>{esc(label)}</td><td>"
            + ", ".join(f"{esc(str(v))}: {n}" for v, n in sorted(
                p.get("values", {}).get(label, {}).items(), key=lambda kv: int(kv[0])))
            + "</td></tr>" for label in p.get("labels", []))
        parts.append(f"<p><strong>Prediction: {esc(str(p.get('key', '')))}</strong> "
                     f"(saved by {_share(int(p.get('answered', 0)), students)}); predicted "
                     f"count: number of students</p><table>{rows}</table>")
    completion = results.get("completion")
    if completion is not None:
        total = len(results.get("questions", []))
        rows = "".join(f"<tr><td>{esc(str(s.get('student', '')))}</td>"
                       f"<td>{int(s.get('answered', 0))} of {total}</td>"
                       f"<td>{int(s.get('right', 0))}</td></tr>" for s in completion)
        parts.append("<p><strong>Per student</strong> (latest answers)</p><table>"
                     f"<tr><th>Student</th><th>Answered</th><th>Right</th></tr>{rows}</table>")
    parts.append("</div>")
    return "".join(parts)
