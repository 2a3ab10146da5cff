"""The second envelope: a service's HTTP API on 127.0.0.1, a command endpoint and an event feed."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lessonlib.errors import LessonError, LessonTypeError, check_name, shown
from lessonlib.transport.payload import HOST, WAIT, Payload, Receipt, run_handler

__all__ = ["LocalHttpService"]


class LocalHttpService:
    """A service's HTTP API on 127.0.0.1 and a free port: a command endpoint and an event feed.

    ``POST /commands/<name>`` hands a command to its handler and answers
    ``202`` (acknowledged) or ``422`` (rejected). ``GET /events?after=N``
    returns the events emitted so far as a JSON feed: the emitter appends to
    its feed whoever reads it. Its server sees every request, and a reader that
    says who it is (as :meth:`read_feed` does, in its ``User-Agent``) can be
    named (:meth:`readers_learnt`); what the emitter emits does not depend on
    that. Use it as a context manager; the server stops when the ``with`` block
    ends.

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
        self._feed_requests: list[str] = []  # what each GET /events told this server
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
                service._feed_requests.append(f"{self.requestline}\n{self.headers}")
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
                reply = run_handler(handler, payload)
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
            self._thread.join(timeout=WAIT)
            self._server = None
            self._thread = None

    def __enter__(self) -> LocalHttpService:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    def readers_learnt(self, candidates) -> tuple[str, ...]:
        """Which of ``candidates`` (service names) this emitter's server could name from its
        feed's requests: a name that appears in a request line or header. An HTTP feed
        *can* see its readers when they say who they are, as :meth:`read_feed` does.

        >>> with LocalHttpService("Checkout") as checkout:
        ...     _ = checkout.read_feed("Payment")
        ...     _ = checkout.read_feed("Analytics", say_who=False)
        >>> checkout.readers_learnt(["Payment", "Analytics"])
        ('Payment',)
        """
        return tuple(c for c in candidates if any(c in r for r in self._feed_requests))

    @property
    def emitted(self) -> tuple[Payload, ...]:
        """Every event this service emitted, in order: what its feed holds, whoever reads it."""
        return tuple(Payload.from_json(entry) for entry in self._feed)

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
    def post_command(self, payload: Payload, sender: str = "") -> Receipt:
        """Send a command to this service with ``POST`` and wait for its answer."""
        if not isinstance(payload, Payload) or payload.kind != "command":
            raise LessonError(f"post_command() sends a command; got {shown(payload)}. Events go "
                              "on the feed with emit().")
        url = f"{self.url}/commands/{payload.name}"
        request = urllib.request.Request(url, data=payload.to_json().encode("utf-8"),
                                         headers={"Content-Type": "application/json"},
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=WAIT) as response:
                status, body = response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:  # an answer such as 422 (rejected) is still an answer; close it
                status, body = error.code, json.loads(error.read() or b"{}")
        if "received" not in body:
            raise LessonError(f"{self.service} did not accept {payload.name}: HTTP {status} "
                              f"{body.get('error', '')}.")
        envelope = (f"POST /commands/{payload.name} HTTP/1.1 (Content-Type: application/json)"
                    f" -> HTTP {status}")
        return Receipt(self.name, self.service, payload, Payload(**body["received"]), envelope,
                        body["reply"], sender_waited=True)

    def read_feed(self, reader: str, after: int = 0, *, say_who: bool = True) -> list[Receipt]:
        """Fetch the events after position ``after`` with ``GET``, as ``reader`` would.

        With ``say_who`` (the default) the request names its reader in its
        ``User-Agent`` header, as HTTP clients commonly do, so the feed's server
        can see who reads. ``sent`` and ``received`` of each delivery are both what
        the feed returned; compare them with what the emitter emitted yourself.
        """
        reader = check_name(reader, "service name")
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise LessonTypeError(f"after is a feed position, a whole number from 0; got {shown(after)}.")
        url = f"{self.url}/events?after={after}"
        headers = {"User-Agent": f"{reader} (feed reader)"} if say_who else {}
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=WAIT) as response:
            body = json.loads(response.read())
        envelope = (f"GET /events?after={after} HTTP/1.1"
                    f"{f' (User-Agent: {reader})' if say_who else ''} -> HTTP 200, JSON feed")
        return [Receipt(self.name, reader, Payload(**e), Payload(**e), envelope, None,
                         sender_waited=False) for e in body["events"]]

