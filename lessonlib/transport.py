"""Semantics vs transport: the same command and event in two real envelopes.

Introduced in ``01_commands_and_events.ipynb``. Whether a message is a command
or an event is the meaning of its payload; the transport is only the envelope.
This module sends one command (``RetrievePayment``) and one event
(``OrderPlaced``) over two transports that run inside the notebook:

* :class:`InProcessQueue` - a queue between threads, like a broker's topic:
  :meth:`~InProcessQueue.send` returns at once (the command is asynchronous)
  and the acknowledgement or rejection comes back later on a reply queue;
  :meth:`~InProcessQueue.publish` hands an event to every subscriber.
* :class:`LocalHttpService` - an HTTP server from the standard library on
  ``127.0.0.1`` and a free port: a command is a ``POST``, an event is an entry
  in a feed that readers fetch with ``GET`` (an event on a REST feed).

:func:`same_message_two_envelopes` runs all four deliveries and reports what
each receiver got. Nothing here binds beyond localhost, and every server it
starts is stopped before it returns.

>>> report = same_message_two_envelopes()
>>> report.meaning_unchanged
True
>>> report.server_stopped
True
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lessonlib.architecture import KINDS
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, shown
from lessonlib.prose import and_list

__all__ = [
    "Payload",
    "Rejected",
    "Delivery",
    "InProcessQueue",
    "LocalHttpService",
    "TransportReport",
    "same_message_two_envelopes",
    "HOST",
]

#: The only address a lessonlib server binds.
HOST = "127.0.0.1"
_WAIT = 5.0  # seconds a demo waits for a reply before it says so


@dataclass(frozen=True)
class Payload:
    """The meaning a message carries: its kind, its name and its data.

    Parameters
    ----------
    kind : {"command", "event"}
    name : str
        e.g. ``"RetrievePayment"`` (a command) or ``"OrderPlaced"`` (an event).
    data : mapping of str to JSON values
    sender : str
        The service that sends the command or emits the event.

    Examples
    --------
    >>> p = Payload("command", "RetrievePayment", {"order": 42, "amount": 49.9}, "Order")
    >>> Payload.from_json(p.to_json()) == p
    True
    >>> Payload("comand", "RetrievePayment")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown message kind 'comand'. Did you mean 'command'?
    """

    kind: str
    name: str
    data: Mapping = field(default_factory=dict)
    sender: str = ""

    def __post_init__(self):
        kind = self.kind.strip().lower() if isinstance(self.kind, str) else self.kind
        object.__setattr__(self, "kind", choose(kind, KINDS, "message kind"))
        object.__setattr__(self, "name", check_name(self.name, "message name"))
        if not isinstance(self.data, Mapping):
            raise LessonTypeError(f"A payload's data is a dict, like {{'order': 42}}; got "
                                  f"{self.data!r} ({type(self.data).__name__}).")
        try:
            data = json.loads(json.dumps(dict(self.data), allow_nan=False))
        except (TypeError, ValueError):
            raise LessonTypeError(f"A payload's data must be plain JSON values (numbers, "
                                  f"strings, lists, dicts); got {self.data!r}.") from None
        object.__setattr__(self, "data", data)
        if not isinstance(self.sender, str):
            raise LessonTypeError(f"A sender is a service name; got {self.sender!r}.")

    def to_json(self) -> str:
        """The payload as JSON text (what travels inside any envelope)."""
        return json.dumps({"kind": self.kind, "name": self.name, "data": self.data,
                           "sender": self.sender}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Payload:
        """Read a payload back from :meth:`to_json`'s text."""
        try:
            raw = json.loads(text)
            return cls(raw["kind"], raw["name"], raw.get("data", {}), raw.get("sender", ""))
        except (ValueError, KeyError, TypeError) as exc:
            raise LessonError(f"Not a lessonlib payload: {shown(text)} ({exc}).") from None

    def __str__(self) -> str:
        return f"{self.kind} {self.name} {json.dumps(self.data, sort_keys=True)}"


class Rejected(Exception):  # noqa: N818 - a command handler's answer, not a bug
    """Raise in a command handler to reject the command, with a reason."""


@dataclass(frozen=True)
class Delivery:
    """What one receiver got, and how.

    ``envelope`` describes the transport's wrapping (e.g. an HTTP request
    line); ``reply`` is a command's answer ("acknowledged" or "rejected: ...")
    or ``None`` for an event, which expects no answer.
    """

    transport: str
    receiver: str
    sent: Payload
    received: Payload
    envelope: str
    reply: str | None
    sender_waited: bool

    @property
    def meaning_unchanged(self) -> bool:
        return self.sent == self.received


def _run_handler(handler: Callable[[Payload], object], payload: Payload) -> str:
    try:
        handler(payload)
    except Rejected as reason:
        return f"rejected: {reason}"
    return "acknowledged"


# ----------------------------------------------------------------------------- queue


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
                              "exactly one receiver. Register one with handle(...) first.")
        self._put(payload)

    def publish(self, payload: Payload) -> None:
        """Put an event on the queue for every subscriber (none is fine) and return."""
        self._check(payload, "event", "publish")
        self._put(payload)

    def replies(self, timeout: float = _WAIT) -> list[Delivery]:
        """Wait until everything sent so far is delivered; return the deliveries in order."""
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
            self._worker.join(timeout=_WAIT)

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
                    reply = _run_handler(handler, received)
                else:
                    handler(received)
                    reply = None
                self._replies.put(Delivery(self.name, service, sent, received, envelope,
                                           reply, sender_waited=False))
            with self._lock:
                self._pending -= 1


# ----------------------------------------------------------------------------- HTTP


class LocalHttpService:
    """A service's HTTP API on 127.0.0.1 and a free port: a command endpoint and an event feed.

    ``POST /commands/<name>`` hands a command to its handler and answers
    ``202`` (acknowledged) or ``422`` (rejected). ``GET /events?after=N``
    returns the events emitted so far as a JSON feed: the emitter appends to
    its feed and never learns who reads it. Use it as a context manager; the
    server stops when the ``with`` block ends.

    Examples
    --------
    >>> with LocalHttpService("Checkout") as checkout:
    ...     checkout.emit(Payload("event", "OrderPlaced", {"order": 7}, "Checkout"))
    ...     [d.received.name for d in checkout.read_feed("Payment")]
    ['OrderPlaced']
    >>> checkout.running
    False
    """

    name = "HTTP on 127.0.0.1"

    def __init__(self, service: str) -> None:
        self.service = check_name(service, "service name")
        self._handlers: dict[str, Callable] = {}
        self._feed: list[str] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- the server side
    def handle(self, command: str, handler: Callable[[Payload], object]) -> None:
        """Let this service handle ``command`` at ``POST /commands/<command>``."""
        command = check_name(command, "command name")
        if not callable(handler):
            raise LessonTypeError(f"A handler is a function taking the payload; got {shown(handler)}.")
        self._handlers[command] = handler

    def emit(self, payload: Payload) -> None:
        """Append an event to this service's feed (whoever reads it, if anyone)."""
        if not isinstance(payload, Payload) or payload.kind != "event":
            raise LessonError(f"emit() appends an event to the feed; got {shown(payload)}. Send a "
                              "command with post_command().")
        self._feed.append(payload.to_json())

    def start(self) -> LocalHttpService:
        """Start serving on 127.0.0.1 and a free port (see :attr:`url`)."""
        if self._server is not None:
            return self
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the notebook quiet
                pass

            def _answer(self, status: int, body: dict) -> None:
                raw = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):  # noqa: N802 - http.server's naming
                path, _, query = self.path.partition("?")
                if path != "/events":
                    return self._answer(404, {"error": f"no such resource {path}"})
                after = 0
                for part in query.split("&"):
                    key, _, value = part.partition("=")
                    if key == "after" and value.isdigit():
                        after = int(value)
                entries = [json.loads(e) for e in service._feed[after:]]
                self._answer(200, {"next": len(service._feed), "events": entries})

            def do_POST(self):  # noqa: N802
                prefix = "/commands/"
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                name = self.path[len(prefix):] if self.path.startswith(prefix) else ""
                handler = service._handlers.get(name)
                if handler is None:
                    return self._answer(404, {"error": f"nobody here handles {shown(name)}"})
                try:
                    payload = Payload.from_json(body)
                except LessonError as exc:
                    return self._answer(400, {"error": str(exc)})
                reply = _run_handler(handler, payload)
                self._answer(202 if reply == "acknowledged" else 422,
                             {"reply": reply, "received": json.loads(payload.to_json())})

        self._server = ThreadingHTTPServer((HOST, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name=f"lessonlib-http-{self.service}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the server and free its port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=_WAIT)
            self._server = None
            self._thread = None

    def __enter__(self) -> LocalHttpService:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) the server listens on."""
        if self._server is None:
            raise LessonError(f"{self.service}'s HTTP server is not running; use "
                              "`with LocalHttpService(...) as api:`.")
        host, port = self._server.server_address[:2]
        return host, port

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}"

    # -- the client side (another service talking to this one)
    def post_command(self, payload: Payload, sender: str = "") -> Delivery:
        """Send a command to this service with ``POST`` and wait for its answer."""
        if not isinstance(payload, Payload) or payload.kind != "command":
            raise LessonError(f"post_command() sends a command; got {shown(payload)}. Events go "
                              "on the feed with emit().")
        url = f"{self.url}/commands/{payload.name}"
        request = urllib.request.Request(url, data=payload.to_json().encode("utf-8"),
                                         headers={"Content-Type": "application/json"},
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=_WAIT) as response:
                status, body = response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            status, body = error.code, json.loads(error.read() or b"{}")
        if "received" not in body:
            raise LessonError(f"{self.service} did not accept {payload.name}: HTTP {status} "
                              f"{body.get('error', '')}.")
        envelope = (f"POST /commands/{payload.name} HTTP/1.1 (Content-Type: application/json)"
                    f" -> HTTP {status}")
        return Delivery(self.name, self.service, payload, Payload(**body["received"]), envelope,
                        body["reply"], sender_waited=True)

    def read_feed(self, reader: str, after: int = 0) -> list[Delivery]:
        """Fetch the events after position ``after`` with ``GET``, as ``reader`` would.

        ``sent`` and ``received`` of each delivery are both what the feed returned;
        compare them with what the emitter emitted yourself.
        """
        reader = check_name(reader, "service name")
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise LessonTypeError(f"after is a feed position, a whole number from 0; got {shown(after)}.")
        url = f"{self.url}/events?after={after}"
        with urllib.request.urlopen(url, timeout=_WAIT) as response:
            body = json.loads(response.read())
        envelope = f"GET /events?after={after} HTTP/1.1 -> HTTP 200, JSON feed"
        return [Delivery(self.name, reader, Payload(**e), Payload(**e), envelope, None,
                         sender_waited=False) for e in body["events"]]


# ----------------------------------------------------------------------------- the demo


@dataclass(frozen=True)
class TransportReport:
    """The result of :func:`same_message_two_envelopes`."""

    command: Payload
    event: Payload
    deliveries: tuple[Delivery, ...]
    address: tuple[str, int]
    server_stopped: bool

    @property
    def meaning_unchanged(self) -> bool:
        """True if every receiver got exactly the payload that was sent."""
        return bool(self.deliveries) and all(d.meaning_unchanged for d in self.deliveries)

    def table(self) -> str:
        """One line per delivery: transport, message, receiver, envelope, answer."""
        rows = []
        for d in self.deliveries:
            answer = d.reply if d.reply is not None else "(no answer: an event expects none)"
            waited = "sender waited" if d.sender_waited else "sender did not wait"
            rows.append(f"- {d.received.kind} {d.received.name} over {d.transport} to "
                        f"{d.receiver}: {answer}; {waited}.\n    envelope: {d.envelope}")
        return "\n".join(rows)

    def summary(self) -> str:
        """What the deliveries show, in sentences built from what happened."""
        by_kind = {}
        for d in self.deliveries:
            by_kind.setdefault(d.received.kind, set()).add(d.transport)
        same = "the same" if self.meaning_unchanged else "NOT the same"
        lines = [
            f"The command {self.command.name} travelled over "
            f"{and_list(sorted(by_kind.get('command', ())))}; the event {self.event.name} "
            f"over {and_list(sorted(by_kind.get('event', ())))}.",
            f"Every receiver read {same} payload (kind, name, data) that was sent: the "
            "envelope changed, the meaning did not.",
        ]
        async_commands = [d for d in self.deliveries
                          if d.received.kind == "command" and not d.sender_waited]
        if async_commands:
            first = async_commands[0]
            lines.append(f"Over {first.transport} the command was asynchronous: send() returned "
                         f"with no answer and the sender moved on; {first.receiver}'s answer "
                         f"({first.reply}) came back later on a reply queue. Still a command.")
        feed = [d for d in self.deliveries
                if d.received.kind == "event" and d.transport == LocalHttpService.name]
        if feed:
            readers = sorted({d.receiver for d in feed})
            lines.append(f"The event on the HTTP feed was fetched by {', '.join(readers)} with "
                         "GET requests; the emitter never learnt who read it. Still an event.")
        host, port = self.address
        lines.append(f"The HTTP server listened on {host}:{port} only during the demo; "
                     f"now it is {'stopped' if self.server_stopped else 'STILL RUNNING'}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary() + "\n\n" + self.table()


def same_message_two_envelopes(amount: float = 49.90, order: int = 42) -> TransportReport:
    """Send RetrievePayment and OrderPlaced over the queue and over HTTP; report what arrived.

    Introduced in ``01_commands_and_events.ipynb``. The payment handler
    rejects an ``amount`` that is not positive (a command may be rejected, never
    ignored).

    Parameters
    ----------
    amount : float
        The amount to retrieve; try ``0`` to see the command rejected on both transports.
    order : int
        The order number in both payloads.

    Returns
    -------
    TransportReport
        ``print(report)`` shows what happened; ``report.meaning_unchanged``
        says whether every receiver read what was sent.

    Examples
    --------
    >>> report = same_message_two_envelopes(amount=0)
    >>> sorted({d.reply for d in report.deliveries if d.reply})
    ['rejected: the amount must be positive, got 0']
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        raise LessonTypeError(f"amount is a number, like 49.90; got {shown(amount)}.")
    if isinstance(order, bool) or not isinstance(order, int):
        raise LessonTypeError(f"order is a whole number, like 42; got {shown(order)}.")
    command = Payload("command", "RetrievePayment", {"order": order, "amount": amount}, "Order")
    event = Payload("event", "OrderPlaced", {"order": order, "amount": amount}, "Checkout")

    def retrieve_payment(payload: Payload) -> None:
        time.sleep(0.02)  # a payment takes a moment
        if payload.data["amount"] <= 0:
            raise Rejected(f"the amount must be positive, got {payload.data['amount']}")

    deliveries: list[Delivery] = []
    with InProcessQueue() as bus:
        bus.handle(command.name, "Payment", retrieve_payment)
        bus.subscribe(event.name, "Payment", lambda p: None)
        bus.subscribe(event.name, "Analytics", lambda p: None)
        bus.send(command)
        bus.publish(event)
        deliveries += bus.replies()

    with LocalHttpService("Payment") as payment, LocalHttpService("Checkout") as checkout:
        address = payment.address
        payment.handle(command.name, retrieve_payment)
        deliveries.append(payment.post_command(command))
        checkout.emit(event)
        for reader in ("Payment", "Analytics"):
            deliveries += [replace(d, sent=event) for d in checkout.read_feed(reader)]
    stopped = not payment.running and not checkout.running
    return TransportReport(command, event, tuple(deliveries), address, stopped)
