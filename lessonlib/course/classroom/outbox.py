"""The outbox: what a student's kernel handed in that the class has not yet confirmed.

On a hub with the classroom service, every activity a student completes is saved
in their progress file (:mod:`lessonlib.course.progress`, the record) and then
written here, with an id of its own (:func:`new_id`), in a small JSON file beside
the progress file (``progress.outbox.json``). The sender
(:class:`lessonlib.course.classroom.client.Sender`) posts the entries oldest first
and removes one only when the service confirms it, or refuses it for good. So an
answer waits out a stopped, slow or failing service and a kernel restart; and since
the service keeps each id of a student once, an answer sent twice (its
confirmation lost on the way) is stored once: at-least-once delivery, made
idempotent.

The file holds at most :data:`MAX_ENTRIES` entries: past that the oldest goes
(its answer stays in the progress file), and the file says how many went. It
never holds a token. A file that cannot be read is set aside, like a broken
progress file; one that cannot be written leaves the entries in this kernel's
memory, still sent.

>>> import tempfile
>>> from pathlib import Path
>>> box = Outbox(Path(tempfile.mkdtemp()) / "progress.outbox.json")
>>> sid = box.add({"kind": "exercise", "lesson": "04_criminal_check_exercise",
...                "key": "exercise:criminal-check-choreography", "value": True})
>>> [entry["payload"]["id"] == sid for entry in box.entries()]
[True]
>>> box.remove(sid)
>>> len(box)
0
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from lessonlib.course.progress import progress_path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writes stay atomic.
    fcntl = None

__all__ = ["Outbox", "outbox_path", "new_id", "MAX_ENTRIES"]

#: Entries the outbox keeps at most; a whole course hands in about 150 activities.
MAX_ENTRIES = 1000
FORMAT = 1


def outbox_path() -> Path:
    """The outbox beside the progress file in use: ``progress.json`` -> ``progress.outbox.json``."""
    path = progress_path()
    return path.with_name(f"{path.stem}.outbox.json")


def new_id() -> str:
    """A new submission id: 24 hex digits, random (the service keeps each id of a student once)."""
    return secrets.token_hex(12)


def _empty() -> dict:
    return {"format": FORMAT, "entries": [], "dropped": 0}


class Outbox:
    """The entries waiting in the file at ``path`` (and in memory, if the file cannot be
    written), oldest first. Safe across threads and kernels: every change is a locked
    read-modify-write, written atomically."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.memory: list[dict] = []  # entries the disk would not take
        self.lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.entries())

    def add(self, payload: dict) -> str:
        """Queue ``payload`` under a new id (it travels as the payload's ``id``); return the id."""
        sid = new_id()
        entry = {"payload": {**payload, "id": sid},
                 "queued": datetime.now(UTC).isoformat(timespec="milliseconds")}

        def change(data: dict) -> None:
            data["entries"].append(entry)
            extra = len(data["entries"]) - MAX_ENTRIES
            if extra > 0:
                del data["entries"][:extra]
                data["dropped"] = int(data.get("dropped", 0) or 0) + extra

        if not self._update(change):
            self.memory = (self.memory + [entry])[-MAX_ENTRIES:]
        return sid

    def entries(self) -> list[dict]:
        """What waits, oldest first: ``{"payload": {..., "id": ...}, "queued": ...}`` each."""
        return self._read()["entries"] + list(self.memory)

    def remove(self, sid: str) -> None:
        """Forget the entry with id ``sid`` (confirmed, or refused for good)."""
        self.memory = [e for e in self.memory if e["payload"].get("id") != sid]

        def change(data: dict) -> None:
            data["entries"] = [e for e in data["entries"] if e["payload"].get("id") != sid]

        if self.path.exists():
            self._update(change)

    def dropped(self) -> int:
        """How many entries the bound pushed out, ever (their answers are in the progress file)."""
        return int(self._read().get("dropped", 0) or 0)

    # ----------------------------------------------------------------------- the file

    def _read(self) -> dict:
        try:
            with self._locked():
                return self._load()
        except OSError:
            return _empty()

    def _load(self) -> dict:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty()
        try:
            data = json.loads(raw.decode("utf-8"))
            entries = data["entries"]
            if not (isinstance(entries, list) and all(
                    isinstance(e, dict) and isinstance(e.get("payload"), dict) for e in entries)):
                raise ValueError("not an outbox")
        except (ValueError, TypeError, KeyError, RecursionError):
            self._set_aside()
            return _empty()
        return data

    def _set_aside(self) -> None:
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(
                f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"))

    def _update(self, change: Callable[[dict], None]) -> bool:
        """Read-modify-write under the lock; False if the file could not be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._locked():
                data = self._load()
                change(data)
                self._write(data)
            return True
        except OSError:
            return False

    def _write(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                   dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self.lock:
            if fcntl is None or not self.path.parent.is_dir():
                yield
                return
            with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
