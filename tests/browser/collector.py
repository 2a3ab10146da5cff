"""What a page did behind the notebook: console errors, uncaught errors, requests.

A :class:`Collector` is attached to each test's page by :class:`pages.Lab`;
``Notebook.assert_clean()`` adds its :meth:`Collector.problems` to the
notebook's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Collector:
    """Records what a page logged and which URLs it requested."""

    allowed_hosts: frozenset[str] = frozenset({"127.0.0.1", "localhost"})
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: int = 0

    def attach(self, page) -> Collector:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("request", self._on_request)
        return self

    def detach(self, page) -> None:
        page.remove_listener("console", self._on_console)
        page.remove_listener("pageerror", self._on_page_error)
        page.remove_listener("request", self._on_request)

    def _on_page_error(self, error) -> None:
        self.page_errors.append(str(error))

    def _on_console(self, message) -> None:
        if message.type == "error" and not _benign_console_error(message.text):
            self.console_errors.append(message.text)

    def _on_request(self, request) -> None:
        self.requests += 1
        url = request.url
        if url.startswith(("data:", "blob:")):
            return
        if urlsplit(url).hostname not in self.allowed_hosts:
            self.foreign_requests.append(url)

    def problems(self) -> list[str]:
        return (
            [f"JavaScript console error: {m}" for m in self.console_errors]
            + [f"uncaught JavaScript error: {m}" for m in self.page_errors]
            + [f"request to a host other than the local server: {u}" for u in self.foreign_requests]
        )


# Console errors proven to be noise, each with the reason. Keep this list short.
BENIGN_CONSOLE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^Could not restore the debugger state: Canceled future for debug_request "
            r"message before replies were done$"
        ),
        # JupyterLab's debugger asks a kernel for its state (a debug_request) whenever
        # the notebook's kernel connection changes; restarting the kernel disposes of
        # the pending request, and the debugger logs that with console.error (see
        # `restoreState` in @jupyterlab/debugger's handler). Every Kernel > Restart
        # does this, whatever the notebook holds; nothing is broken for the student.
        "kernel restart cancels the debugger's pending state request",
    ),
]


def _benign_console_error(text: str) -> bool:
    return any(pattern.search(text) for pattern, _why in BENIGN_CONSOLE_ERRORS)
