"""Sending a student's activities to the classroom service, and reading the class's results.

A student's own progress file (:mod:`lessonlib.course.progress`) stays the
record of their work. When the environment variable ``LESSONLIB_CLASSROOM_URL``
names the hub's classroom service (:mod:`lessonlib.classroom_web`; the hub's
configuration sets it for every student's server, see ``deploy/README.md``),
each activity a student completes (a checked quiz answer, a saved prediction,
the classification's answers, a finished part of an exercise) is *also* sent
there, so the instructor sees the room's work live. What is sent, and what the
service accepts, is :mod:`lessonlib.course.classroom.contract`; lessons send
through :func:`lessonlib.course.submit.submit`, never from here directly.

Sending never gets in a lesson's way: it happens in one background thread,
from a short queue, with a 5-second timeout; a missing, slow or failing
service changes nothing for the student but one sentence, shown once
(:func:`take_notices`). The student's identity is the hub's token of their
server (``JUPYTERHUB_API_TOKEN``), which the service checks with the hub: no
name is sent.

For the instructor, :func:`fetch_results` reads a lesson's results (the widget
is ``class_results("03")``, in :mod:`lessonlib.widgets.classroom`; the HTML is
:func:`lessonlib.cards.results.results_html`).
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

from lessonlib.course.activities import Activity
from lessonlib.course.classroom.contract import payload
from lessonlib.course.lessons import lesson_id
from lessonlib.errors import LessonError

__all__ = ["ENV_URL", "classroom_url", "send", "send_answer", "send_prediction", "take_notices",
           "flush", "fetch_results", "reset_class_results"]

#: The environment variable that names the classroom service (set by the hub's configuration).
ENV_URL = "LESSONLIB_CLASSROOM_URL"
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


def _send(body: dict) -> bool:
    url = classroom_url()
    if url is None:
        return False
    return _sender.submit(url, body)


def send(a: Activity, value: object) -> bool:
    """Queue a checked ``value`` of activity ``a`` for the classroom service; False when
    there is none (or its queue is full). Returns at once; never raises.

    :func:`lessonlib.course.submit.submit` calls it after saving the value.
    """
    return _send(payload(a, value))


def send_answer(lesson: str, question: str, choice: list[str]) -> bool:
    """The previous release's way to queue a quiz answer (kept for one release): :func:`send`."""
    return _send({"kind": "quiz", "lesson": lesson, "key": question, "value": list(choice)})


def send_prediction(lesson: str, key: str, values: Mapping[str, object]) -> bool:
    """The previous release's way to queue a prediction (kept for one release): :func:`send`."""
    return _send({"kind": "prediction", "lesson": lesson, "key": key, "value": dict(values)})


def flush(timeout: float = 10.0) -> bool:
    """Wait until every queued payload was sent or given up on; False if ``timeout`` ran out."""
    return _sender.flush(timeout)


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
    """A lesson's class results from the service (instructors only), as
    :func:`lessonlib.course.classroom.results.summarise` makes them."""
    lesson = lesson_id(lesson)
    query = urllib.parse.urlencode({"names": "1" if names else "0"})
    return _get(f"{_service()}api/results/{lesson}?{query}")


def reset_class_results(lesson: str | None = None) -> str:
    """Forget the class's answers to one lesson, or to every lesson; say how many went."""
    body = {} if lesson is None else {"lesson": lesson_id(lesson)}
    done = _get(f"{_service()}api/reset", method="POST", body=body)
    what = f"lesson {body['lesson']}" if body else "every lesson"
    return f"Forgot {done.get('deleted', 0)} answer(s) to {what}; the students' own progress is kept."
