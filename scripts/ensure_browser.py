"""Find (or, with ``--install``, install) a Chromium for the real-browser tests.

Usage: python scripts/ensure_browser.py [--install]

The search order, the same one the browser tests use (they import
:func:`find_chromium` from this file):

1. the path in the environment variable ``LESSONLIB_CHROMIUM``;
2. the Chromium that ``python -m playwright install chromium`` downloaded;
3. a system browser: ``chromium``, ``chromium-browser``, ``google-chrome``.

With ``--install``, if none is found and we are root with ``apt-get``, it runs
``apt-get update`` and ``apt-get install -y chromium``. It prints the chosen
path, or one sentence saying how to install a browser and exits non-zero.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ENV_VAR = "LESSONLIB_CHROMIUM"
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome")
HOW_TO_INSTALL = (
    "No Chromium found for the browser tests: run `.venv/bin/python -m playwright install "
    "chromium`, or `apt-get install chromium` (Debian/Ubuntu), or set LESSONLIB_CHROMIUM "
    "to a Chromium or Chrome executable."
)


class BrowserNotFound(RuntimeError):
    """No usable Chromium; the message says how to install one."""


def _executable(path: str | os.PathLike[str] | None) -> str | None:
    if not path:
        return None
    candidate = Path(path).expanduser()
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return None


def _playwright_chromium(playwright=None) -> str | None:
    """Playwright's own downloaded Chromium, if it is on disk."""
    if playwright is not None:  # already running (the test session): ask it directly
        return _executable(playwright.chromium.executable_path)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            return _executable(p.chromium.executable_path)
    except Exception:  # noqa: BLE001 - a broken Playwright install just means "not found"
        return None


def find_chromium(playwright=None) -> str:
    """Return the path of the Chromium to drive, searching in the documented order.

    Parameters
    ----------
    playwright : playwright.sync_api.Playwright, optional
        A running Playwright to ask for its Chromium; without one, a short-lived
        Playwright is started (it cannot be nested inside a running one).

    Raises
    ------
    BrowserNotFound
        If none is found; the message is one sentence saying how to install one.
    """
    configured = os.environ.get(ENV_VAR)
    if configured:
        found = _executable(configured) or _executable(shutil.which(configured))
        if found is None:
            raise BrowserNotFound(
                f"{ENV_VAR}={configured!r} is not an executable file; point it at a "
                "Chromium or Chrome executable, or unset it to search the usual places."
            )
        return found
    found = _playwright_chromium(playwright)
    if found:
        return found
    for name in SYSTEM_NAMES:
        found = _executable(shutil.which(name))
        if found:
            return found
    raise BrowserNotFound(HOW_TO_INSTALL)


def _apt_install() -> None:
    print("No Chromium found for the browser tests; installing Debian's `chromium` with apt-get.")
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, **quiet)


def main(argv: list[str]) -> int:
    unknown = [a for a in argv if a != "--install"]
    if unknown:
        print(f"Unknown argument {unknown[0]!r}; the only option is --install.", file=sys.stderr)
        return 2
    try:
        print(find_chromium())
        return 0
    except BrowserNotFound as missing:
        can_apt = (
            "--install" in argv
            and os.environ.get(ENV_VAR) is None
            and hasattr(os, "geteuid")
            and os.geteuid() == 0
            and shutil.which("apt-get")
        )
        if not can_apt:
            print(missing, file=sys.stderr)
            return 1
    try:
        _apt_install()
        print(find_chromium())
        return 0
    except (subprocess.CalledProcessError, BrowserNotFound):
        print(HOW_TO_INSTALL, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
