"""scripts/ensure_browser.py finds a Chromium in the documented order, or says how to get one.

No browser is started and nothing is installed: the search is pointed at
temporary files, and apt-get is replaced by a recorder.
"""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from server import load_ensure_browser


@pytest.fixture
def ensure(monkeypatch):
    module = load_ensure_browser()
    monkeypatch.delenv(module.ENV_VAR, raising=False)
    return module


def _fake_browser(path):
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def _nothing_installed(ensure, monkeypatch):
    monkeypatch.setattr(ensure, "_playwright_chromium", lambda playwright=None: None)
    monkeypatch.setattr(ensure.shutil, "which", lambda name: None)


def test_the_environment_variable_comes_first(ensure, monkeypatch, tmp_path):
    chosen = _fake_browser(tmp_path / "my-chrome")
    monkeypatch.setenv(ensure.ENV_VAR, chosen)
    monkeypatch.setattr(ensure, "_playwright_chromium", lambda playwright=None: "/elsewhere")
    assert ensure.find_chromium() == chosen


def test_a_bad_environment_variable_is_an_error_not_a_fallback(ensure, monkeypatch, tmp_path):
    monkeypatch.setenv(ensure.ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(ensure.BrowserNotFound, match="is not an executable file"):
        ensure.find_chromium()


def test_playwrights_chromium_before_the_system_one(ensure, monkeypatch, tmp_path):
    downloaded = _fake_browser(tmp_path / "chrome")
    monkeypatch.setattr(ensure, "_playwright_chromium", lambda playwright=None: downloaded)
    monkeypatch.setattr(ensure.shutil, "which", lambda name: "/usr/bin/" + name)
    assert ensure.find_chromium() == downloaded


def test_system_browsers_in_order(ensure, monkeypatch, tmp_path):
    installed = {
        "chromium-browser": _fake_browser(tmp_path / "chromium-browser"),
        "google-chrome": _fake_browser(tmp_path / "google-chrome"),
    }
    monkeypatch.setattr(ensure, "_playwright_chromium", lambda playwright=None: None)
    monkeypatch.setattr(ensure.shutil, "which", installed.get)
    assert ensure.find_chromium() == installed["chromium-browser"]


def test_no_browser_fails_with_one_sentence_saying_how_to_install(ensure, monkeypatch, capsys):
    _nothing_installed(ensure, monkeypatch)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert ensure.main(["--install"]) == 1
    message = capsys.readouterr().err.strip()
    assert "python -m playwright install chromium" in message
    assert "apt-get install chromium" in message
    assert message.count(". ") == 0 and message.endswith(".")


def test_as_root_with_apt_it_installs_chromium(ensure, monkeypatch, tmp_path, capsys):
    _nothing_installed(ensure, monkeypatch)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    installed = _fake_browser(tmp_path / "chromium")
    ran = []

    def fake_run(cmd, **kwargs):
        ran.append(cmd)
        if "install" in cmd:  # from now on the system has a chromium
            monkeypatch.setattr(ensure.shutil, "which", {"chromium": installed}.get)
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(
        ensure.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None
    )
    monkeypatch.setattr(ensure.subprocess, "run", fake_run)
    assert ensure.main(["--install"]) == 0
    assert [cmd[:2] for cmd in ran] == [["apt-get", "update"], ["apt-get", "install"]]
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("No Chromium found") and out[-1] == installed


def test_without_install_it_never_runs_apt(ensure, monkeypatch):
    _nothing_installed(ensure, monkeypatch)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(ensure.subprocess, "run", lambda *a, **k: pytest.fail("ran apt-get"))
    assert ensure.main([]) == 1


def test_unknown_arguments_are_refused(ensure, capsys):
    assert ensure.main(["--instal"]) == 2
    assert "--instal" in capsys.readouterr().err
