"""A failing browser test leaves a Playwright trace; a passing one leaves none.

The browser tests' conftest.py and its helper modules run, in a copy, on two
tests written here: one fails on purpose. The copy's traces land in the copy's
own test-artifacts/, never in the repository's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

DEMO = '''
import pytest

pytestmark = pytest.mark.browser


def test_passes(browser_context):
    page = browser_context.new_page()
    page.set_content("<h1>fine</h1>")
    page.close()


def test_fails_on_purpose(browser_context):
    page = browser_context.new_page()
    page.set_content("<h1>broken</h1>")
    assert page.locator("h1").inner_text() == "fine"
'''


def test_only_a_failing_test_leaves_a_trace(tmp_path):
    copy = tmp_path / "repo"
    (copy / "tests" / "browser").mkdir(parents=True)
    for helper in HERE.glob("*.py"):  # conftest.py and the harness, not the tests
        if not helper.name.startswith("test_"):
            shutil.copy2(helper, copy / "tests" / "browser" / helper.name)
    shutil.copytree(ROOT / "scripts", copy / "scripts")  # ensure_browser.py finds Chromium
    (copy / "tests" / "browser" / "test_demo.py").write_text(DEMO)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "_LESSONLIB"))}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-o", "markers=browser", "-q", "tests/browser/test_demo.py"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-2000:]
    assert "1 failed, 1 passed" in run.stdout, run.stdout[-3000:]

    traces = copy / "test-artifacts" / "traces"
    assert sorted(p.name for p in traces.iterdir()) == ["test_demo-test_fails_on_purpose.zip"]
    with zipfile.ZipFile(traces / "test_demo-test_fails_on_purpose.zip") as trace:
        recorded = "".join(trace.read(n).decode(errors="replace") for n in trace.namelist()
                           if n.endswith(".trace"))
    # The failing test's own steps, and not the passing test's (a chunk per test).
    assert "<h1>broken</h1>" in recorded and "<h1>fine</h1>" not in recorded
    assert "test-artifacts/traces/test_demo-test_fails_on_purpose.zip" in run.stdout
    assert not (ROOT / "test-artifacts" / "traces" / "test_demo-test_fails_on_purpose.zip").exists()
