"""A real PostgreSQL server for the hub tests, of this run only, on 127.0.0.1.

``postgres_server(run)`` finds Debian's PostgreSQL (``/usr/lib/postgresql/<version>/bin``;
``make install-hub`` installs the ``postgresql`` package with apt-get when it is missing
and we are root), makes a cluster in a folder of its own, starts it on a free port of
127.0.0.1 (as the ``postgres`` user when the tests run as root: PostgreSQL refuses to run
as root), creates the database ``classroom`` and yields a :class:`Postgres`; on the way
out it stops the server and removes the cluster. :meth:`Postgres.stop` and
:meth:`Postgres.start` are the fault test's "PostgreSQL stopped", and back.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HOW_TO_INSTALL = ("PostgreSQL is not installed: run `make install-hub` as root (it runs "
                  "`apt-get install -y postgresql`), or install Debian's `postgresql` package.")


class PostgresError(RuntimeError):
    """PostgreSQL could not be set up; the message says what failed."""


def binaries() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb and pg_ctl."""
    found = sorted((p for p in Path("/usr/lib/postgresql").glob("*/bin")
                    if (p / "initdb").exists() and (p / "pg_ctl").exists()),
                   key=lambda p: int(re.sub(r"\D", "", p.parent.name) or 0))
    if not found:
        raise PostgresError(HOW_TO_INSTALL)
    return found[-1]


def _as_owner(command: list[str]) -> list[str]:
    """Run ``command`` as ``postgres`` when we are root (PostgreSQL will not run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Postgres:
    """A running cluster: its binaries, data folder, port, and the database URL to use."""

    bin: Path
    data: Path
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://classroom@127.0.0.1:{self.port}/classroom"

    def _ctl(self, *args: str, timeout: float = 60) -> None:
        done = subprocess.run(_as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data),
                                         "-l", str(self.log), "-w", *args]),
                              capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise PostgresError(f"pg_ctl {' '.join(args)} failed: {done.stderr.strip()}\n"
                                f"{self.log_tail()}")

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1", "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def version(self) -> str:
        done = subprocess.run([str(self.bin / "postgres"), "--version"], capture_output=True,
                              text=True, check=False)
        found = re.search(r"\d+(\.\d+)+", done.stdout) if done.returncode == 0 else None
        return found.group(0) if found else "?"

    def log_tail(self, chars: int = 2000) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "PostgreSQL's log ends:\n" + text[-chars:]


@contextlib.contextmanager
def postgres_server(port: int) -> Iterator[Postgres]:
    """Run a PostgreSQL cluster of its own on 127.0.0.1:``port`` until the block ends."""
    pg_bin = binaries()
    folder = Path(tempfile.mkdtemp(prefix="lessonlib-pg-"))
    data, log = folder / "data", folder / "postgres.log"
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    folder.chmod(0o700)
    server = Postgres(pg_bin, data, port, log)
    try:
        done = subprocess.run(_as_owner([str(pg_bin / "initdb"), "-D", str(data), "-U",
                                         "classroom", "-A", "trust", "-E", "UTF8",
                                         "--no-sync"]),
                              capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise PostgresError(f"initdb failed: {done.stderr.strip()}")
        server.start()
        done = subprocess.run([str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                               "-U", "classroom", "classroom"],
                              capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            raise PostgresError(f"createdb failed: {done.stderr.strip()}")
        yield server
    finally:
        with contextlib.suppress(PostgresError, subprocess.TimeoutExpired):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
