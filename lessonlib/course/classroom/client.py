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

Sending never gets in a lesson's way, and never loses an answer. Each one is
first written to the outbox beside the progress file
(:mod:`lessonlib.course.classroom.outbox`) with an id of its own; one background
thread (:class:`Sender`) posts what waits there, oldest first, and removes an
entry when the service confirms it (201 stored, or 200 already stored: the
service keeps each id once). A stopped, slow or failing service, or a lost
confirmation, means the entry is sent again later, after a pause that doubles
each time (from :data:`FIRST_PAUSE` to :data:`LONGEST_PAUSE` seconds, with some
randomness so a room does not retry in step); after a kernel restart the outbox
is still there, and is sent as soon as a lesson hands something in or shows a
quiz. Only a refusal for good (the service says the answer can never be taken,
a 400, 413 or 422) removes an entry unsent. While answers wait the student reads
one calm sentence (:func:`take_notices`), and none when they arrive. The
student's identity is the hub's token of their server (``JUPYTERHUB_API_TOKEN``),
read when sending and never written down: no name is sent.

For the instructor, :func:`fetch_results` reads a lesson's results (the widget
is ``class_results("03")``, in :mod:`lessonlib.widgets.classroom`; the HTML is
:func:`lessonlib.cards.results.results_html`). Only a token with the instructor
scope may (the hub keeps that scope out of the tokens kernels get): the
instructor's page on the hub, or a token they make on the hub's token page and
pass as ``token=``.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping

from lessonlib.course.activities import Activity
from lessonlib.course.classroom.contract import payload
from lessonlib.course.classroom.outbox import Outbox, outbox_path
from lessonlib.course.lessons import lesson_id
from lessonlib.errors import LessonError

__all__ = ["ENV_URL", "SEND_TIMEOUT", "FIRST_PAUSE", "LONGEST_PAUSE", "Sender", "classroom_url",
           "send", "send_answer", "send_prediction", "take_notices", "resume", "flush",
           "fetch_results", "reset_class_results"]

#: The environment variable that names the classroom service (set by the hub's configuration).
ENV_URL = "LESSONLIB_CLASSROOM_URL"
#: Seconds a student's kernel waits for the service to answer one post (then tries later).
SEND_TIMEOUT = 10.0
#: Seconds before the first retry of an answer the service did not confirm; each failure
#: doubles it, up to LONGEST_PAUSE.
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0
#: Statuses that confirm an entry (stored now, or stored before) and that refuse it for good.
CONFIRMED = (200, 201)
REFUSED = (400, 413, 422)

WAITING = ("Your answers are saved here; the hub's class view has not received the latest "
           "ones yet. They will be sent on their own when the hub answers, so there is "
           "nothing to do.")
REFUSED_SENTENCE = ("The hub's class view could not take one of your answers ({why}); it is "
                    "saved here as usual.")


def classroom_url() -> str | None:
    """The classroom service's URL (ending in ``/``), or None when this server has none."""
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def _token() -> str:
    return os.environ.get("JUPYTERHUB_API_TOKEN", "")


# --------------------------------------------------------------------------- sending


class Sender:
    """Posts the entries of ``outbox`` to the service at ``url`` until each is confirmed.

    One daemon thread, started by :meth:`wake`; nothing it does can raise into a
    lesson. ``token`` says which hub token to send (read at each post);
    ``on_delivered(payload, status, seconds)`` is told of each confirmed entry,
    ``seconds`` after it was queued here (the load test measures with it).
    """

    def __init__(self, outbox: Outbox, url: str, token: Callable[[], str] = _token, *,
                 timeout: float = SEND_TIMEOUT, on_delivered: Callable | None = None):
        self.outbox, self.url, self.token, self.timeout = outbox, url, token, timeout
        self.on_delivered = on_delivered
        self.notices: list[str] = []
        self.waiting = False  # a post failed and answers still wait: said once per spell
        self.refusal_said = False
        self.posts = 0  # every post tried, for the load figures
        self.queued_at: dict[str, float] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def queue(self, body: dict) -> str:
        """Write ``body`` to the outbox and wake the thread; return its id. Never blocks on
        the network."""
        sid = self.outbox.add(body)
        self.queued_at[sid] = time.monotonic()
        self.wake()
        return sid

    def wake(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="lessonlib-classroom",
                                                daemon=True)
                self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def flush(self, timeout: float) -> bool:
        """Wait until the outbox is empty and the thread has seen it so (no longer
        ``waiting``); False if ``timeout`` ran out first."""
        deadline = time.monotonic() + timeout
        while self.outbox.entries() or self.waiting:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                entries = self.outbox.entries()
            except Exception:  # noqa: BLE001 - the lesson must never see the outbox fail
                entries = []
            if not entries:
                self.waiting = False  # they arrived: nothing is said
                self._wake.wait()
                self._wake.clear()
                continue
            for entry in entries:
                if self._stop.is_set():
                    return
                if self._deliver(entry["payload"]):
                    failures = 0
                    continue
                failures += 1
                if not self.waiting:
                    self.waiting = True
                    self.notices.append(WAITING)
                pause = min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** (failures - 1))
                self._stop.wait(pause * random.uniform(0.5, 1.0))
                break

    def _deliver(self, body: dict) -> bool:
        """Post one entry; True when it is settled (confirmed, or refused for good)."""
        sid = body.get("id", "")
        status, why = self._post(body)
        if status in CONFIRMED:
            self.outbox.remove(sid)
            queued = self.queued_at.pop(sid, None)
            if self.on_delivered is not None:
                seconds = None if queued is None else time.monotonic() - queued
                self.on_delivered(body, status, seconds)
            return True
        if status in REFUSED:
            self.outbox.remove(sid)
            self.queued_at.pop(sid, None)
            if not self.refusal_said:
                self.refusal_said = True
                self.notices.append(REFUSED_SENTENCE.format(why=why or f"status {status}"))
            return True
        return False

    def _post(self, body: dict) -> tuple[int | None, str]:
        """``(status, the service's sentence)``; status None when nothing answered."""
        self.posts += 1
        request = urllib.request.Request(
            self.url + "api/answers", data=json.dumps(body).encode("utf-8"), method="POST",
            headers={"Authorization": f"token {self.token()}",
                     "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            try:
                said = json.loads(error.read().decode("utf-8")).get("error", "")
            except (ValueError, AttributeError, OSError):
                said = ""
            return error.code, str(said)[:300]
        except Exception:  # noqa: BLE001 - refused, reset, timed out: try again later
            return None, ""


_sender: Sender | None = None
_sender_lock = threading.Lock()


def _current() -> Sender | None:
    """This kernel's sender, for the service and outbox in use now (None without a service)."""
    global _sender
    url = classroom_url()
    if url is None:
        return None
    path = outbox_path()
    with _sender_lock:
        if _sender is None or (_sender.url, _sender.outbox.path) != (url, path):
            if _sender is not None:
                _sender.stop()
            _sender = Sender(Outbox(path), url)
        return _sender


def take_notices() -> list[str]:
    """Return (and forget) the sentences about sending the student should read, if any."""
    sender = _sender
    if sender is None:
        return []
    taken = list(sender.notices)
    sender.notices.clear()
    return taken


def _send(body: dict) -> bool:
    try:
        sender = _current()
        if sender is None:
            return False
        sender.queue(body)
    except Exception:  # noqa: BLE001 - handing in must never fail because of the class view
        return False
    return True


def send(a: Activity, value: object) -> bool:
    """Queue a checked ``value`` of activity ``a`` for the classroom service; False when
    there is none. Returns at once; never raises.

    :func:`lessonlib.course.submit.submit` calls it after saving the value.
    """
    return _send(payload(a, value))


def send_answer(lesson: str, question: str, choice: list[str]) -> bool:
    """The previous release's way to queue a quiz answer (kept for one release): :func:`send`."""
    return _send({"kind": "quiz", "lesson": lesson, "key": question, "value": list(choice)})


def send_prediction(lesson: str, key: str, values: Mapping[str, object]) -> bool:
    """The previous release's way to queue a prediction (kept for one release): :func:`send`."""
    return _send({"kind": "prediction", "lesson": lesson, "key": key, "value": dict(values)})


def resume() -> None:
    """Send what an earlier kernel left in the outbox (a restart, a stopped service); a
    lesson calls it when it shows a quiz or hands something in. Never raises."""
    try:
        path = outbox_path()
        if classroom_url() is not None and (path.exists() or _sender is not None):
            sender = _current()
            if sender is not None and sender.outbox.entries():
                sender.wake()
    except Exception:  # noqa: BLE001 - a lesson must never fail because of the class view
        pass


def flush(timeout: float = 10.0) -> bool:
    """Wait until every queued answer was confirmed; False if ``timeout`` ran out first."""
    sender = _current()
    return True if sender is None else sender.flush(timeout)


# --------------------------------------------------------------------------- the instructor's view


INSTRUCTORS_ONLY = (
    "The classroom service refused: only an instructor of this hub can see or reset the "
    "class's answers, and a kernel's own token never carries that right. Open the class "
    "results page on the hub (Services > classroom), or make a token with the scope "
    "'custom:classroom:instructor' on the hub's token page (/hub/token) and pass it, like "
    "class_results('03', token=getpass()).")


def _get(url: str, method: str = "GET", body: dict | None = None,
         token: str | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"token {token or _token()}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        try:
            said = json.loads(error.read().decode("utf-8")).get("error", "")
        except (ValueError, AttributeError, OSError):
            said = ""
        if error.code in (401, 403):
            raise LessonError(f"{INSTRUCTORS_ONLY} ({said})" if said else INSTRUCTORS_ONLY
                              ) from None
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


def fetch_results(lesson: str, *, names: bool = True, token: str | None = None) -> dict:
    """A lesson's class results from the service (instructors only), as
    :func:`lessonlib.course.classroom.results.summarise` makes them. ``token``: a hub token
    with the instructor scope (the kernel's own has none)."""
    lesson = lesson_id(lesson)
    query = urllib.parse.urlencode({"names": "1" if names else "0"})
    return _get(f"{_service()}api/results/{lesson}?{query}", token=token)


def reset_class_results(lesson: str | None = None, *, all_lessons: bool = False,
                        token: str | None = None) -> str:
    """Forget the class's answers to one lesson, or (explicitly) to every lesson; say how
    many went. The students' own progress is kept.

    >>> reset_class_results()
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Say which lesson to reset for the class, e.g. reset_class_results('03'), or reset every lesson's class answers with reset_class_results(all_lessons=True).
    """
    if lesson is None and all_lessons is not True:
        raise LessonError("Say which lesson to reset for the class, e.g. "
                          "reset_class_results('03'), or reset every lesson's class answers "
                          "with reset_class_results(all_lessons=True).")
    if lesson is not None and all_lessons:
        raise LessonError("Give either a lesson or all_lessons=True, not both.")
    body = {"all": True} if lesson is None else {"lesson": lesson_id(lesson)}
    done = _get(f"{_service()}api/reset", method="POST", body=body, token=token)
    what = f"lesson {body['lesson']}" if lesson is not None else "every lesson"
    return f"Forgot {done.get('deleted', 0)} answer(s) to {what}; the students' own progress is kept."
