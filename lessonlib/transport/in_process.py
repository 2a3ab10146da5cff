"""The first envelope: a queue between threads, like a broker's topic, inside the notebook."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

from lessonlib.bus import STRICTER_THAN_A_BROKER
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown
from lessonlib.transport.payload import WAIT, Payload, Receipt, run_handler

__all__ = ["InProcessQueue"]


class InProcessQueue:
    """A message queue between threads: one handler per command, any subscribers per event.

    The sender never waits: :meth:`send` and :meth:`publish` put the payload on
    a queue and return. A worker thread delivers it; a command's handler
    acknowledges it (returns) or rejects it (raises :class:`Rejected`), and
    that answer travels back on a reply queue (:meth:`replies`).

    Examples
    --------
    >>> bus = InProcessQueue()
    >>> bus.handle("RetrievePayment", "Payment", lambda p: None)
    >>> bus.send(Payload("command", "RetrievePayment", {"order": 1}, "Order"))
    >>> [d.reply for d in bus.replies()]
    ['acknowledged']
    >>> bus.close()
    """

    name = "an in-process queue"

    def __init__(self) -> None:
        self._handlers: dict[str, tuple[str, Callable]] = {}
        self._subscribers: dict[str, list[tuple[str, Callable]]] = {}
        self._inbox: queue.Queue = queue.Queue()
        self._replies: queue.Queue = queue.Queue()
        self._pending = 0
        self._lock = threading.Lock()
        self._worker = threading.Thread(target=self._work, name="lessonlib-queue", daemon=True)
        self._closed = False
        self._worker.start()

    def handle(self, command: str, service: str, handler: Callable[[Payload], object]) -> None:
        """Let ``service`` handle the command ``command`` (exactly one handler per command)."""
        command = check_name(command, "command name")
        service = check_name(service, "service name")
        if not callable(handler):
            raise LessonTypeError(f"A handler is a function taking the payload; got {shown(handler)}.")
        if command in self._handlers:
            raise LessonError(f"{command} already has a handler ({self._handlers[command][0]}); "
                              "a command has exactly one receiver.")
        self._handlers[command] = (service, handler)

    def subscribe(self, event: str, service: str, handler: Callable[[Payload], object]) -> None:
        """Let ``service`` react to the event ``event`` (any number of subscribers)."""
        event = check_name(event, "event name")
        service = check_name(service, "service name")
        if not callable(handler):
            raise LessonTypeError(f"A handler is a function taking the payload; got {shown(handler)}.")
        self._subscribers.setdefault(event, []).append((service, handler))

    def send(self, payload: Payload) -> None:
        """Put a command on the queue and return at once (the sender does not wait)."""
        self._check(payload, "command", "send")
        if payload.name not in self._handlers:
            raise LessonError(f"Nobody handles the command {payload.name!r}: a command needs "
                              f"exactly one receiver. Register one with handle(...) first. "
                              f"{STRICTER_THAN_A_BROKER}")
        self._put(payload)

    def publish(self, payload: Payload) -> None:
        """Put an event on the queue for every subscriber (none is fine) and return."""
        self._check(payload, "event", "publish")
        self._put(payload)

    def replies(self, timeout: float = WAIT) -> list[Receipt]:
        """Wait until everything sent so far is delivered; return a receipt per delivery, in order."""
        deadline = time.monotonic() + timeout
        got = []
        while True:
            with self._lock:
                if self._pending == 0 and self._replies.empty():
                    return got
            try:
                got.append(self._replies.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise LessonError(f"The queue's worker did not answer within {timeout} s; "
                                  "a handler may be stuck.") from None

    def close(self) -> None:
        """Stop the worker thread."""
        if not self._closed:
            self._closed = True
            self._inbox.put(None)
            self._worker.join(timeout=WAIT)

    def __enter__(self) -> InProcessQueue:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _check(self, payload: object, kind: str, verb: str) -> None:
        if self._closed:
            raise LessonError("This queue is closed; make a new InProcessQueue().")
        if not isinstance(payload, Payload):
            raise LessonTypeError(f"{verb}() takes a Payload, like Payload({shown(kind)}, 'Name'); "
                                  f"got {shown(payload)}.")
        if payload.kind != kind:
            how = {"command": "send a command", "event": "publish an event"}
            raise LessonError(f"{payload.name} is {'an' if payload.kind == 'event' else 'a'} "
                              f"{payload.kind}: you {how[payload.kind]} and {how[kind]}.")

    def _put(self, payload: Payload) -> None:
        with self._lock:
            self._pending += 1
        # Only text crosses to the receiver; the original is kept for the report's comparison.
        self._inbox.put((payload, payload.to_json()))

    def _work(self) -> None:
        while True:
            item = self._inbox.get()
            if item is None:
                return
            sent, item = item
            received = Payload.from_json(item)
            envelope = f"queue item: {item}"
            if received.kind == "command":
                service, handler = self._handlers[received.name]
                targets = [(service, handler)]
            else:
                targets = self._subscribers.get(received.name, [])
            for service, handler in targets:
                if received.kind == "command":
                    reply = run_handler(handler, received)
                else:
                    handler(received)
                    reply = None
                self._replies.put(Receipt(self.name, service, sent, received, envelope,
                                           reply, sender_waited=False))
            with self._lock:
                self._pending -= 1

