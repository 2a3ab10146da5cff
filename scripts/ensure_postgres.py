"""Find (or, with ``--install``, install) PostgreSQL for the hub tests (``make test-hub``).

Usage: python scripts/ensure_postgres.py [--install]

The hub tests run the classroom service on a PostgreSQL server of their own
(tests/hub/postgres.py starts one on 127.0.0.1 from Debian's binaries in
``/usr/lib/postgresql/<version>/bin``). With ``--install``, if none is found and we
are root with ``apt-get``, it runs ``apt-get update`` and ``apt-get install -y
postgresql``. It prints the folder of the binaries, or one sentence saying how to
install PostgreSQL and exits non-zero.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HOW_TO_INSTALL = ("No PostgreSQL found for the hub tests: install Debian's `postgresql` "
                  "package (`apt-get install postgresql`, as root; `make install-hub` does it "
                  "when run as root).")


def find() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with initdb and pg_ctl, or None."""
    found = [p for p in Path("/usr/lib/postgresql").glob("*/bin")
             if (p / "initdb").exists() and (p / "pg_ctl").exists()]
    return max(found, key=lambda p: int("".join(filter(str.isdigit, p.parent.name)) or 0),
               default=None)


def install() -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "postgresql"]):
        subprocess.run(command, check=True, env=env, timeout=900)


def main(argv: list[str]) -> int:
    found = find()
    if found is None and "--install" in argv and hasattr(os, "geteuid") and os.geteuid() == 0 \
            and shutil.which("apt-get"):
        install()
        found = find()
    if found is None:
        print(HOW_TO_INSTALL, file=sys.stderr)
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
