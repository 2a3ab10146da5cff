"""The accessibility audit can fail: axe-core finds what is broken, and tells the course's
content from JupyterLab's own (``audit.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import audit as audit_module
import pytest
from audit import COURSE_CONTENT, assert_accessible, audit, axe_script

pytestmark = pytest.mark.browser

# A button with no name and grey text on white, once in an output (course content) and once
# in a toolbar (JupyterLab's own); a slider with no name in a rendered Markdown cell.
BROKEN = """<!DOCTYPE html><html lang="en"><head><title>harness</title></head><body><main><h1>Harness</h1>
<div class="jp-Toolbar"><button></button></div>
<div class="jp-OutputArea-output"><button></button>
  <p style="color: #c8c8c8; background: #ffffff">Grey on white, 1.7:1</p></div>
<div class="jp-MarkdownOutput"><div role="slider" tabindex="0" aria-valuenow="1"
  aria-valuemin="0" aria-valuemax="2"></div></div>
</main></body></html>"""
FIXED = """<!DOCTYPE html><html lang="en"><head><title>harness</title></head><body><main><h1>Harness</h1>
<div class="jp-Toolbar"><button></button></div>
<div class="jp-OutputArea-output"><button>Check question 1</button>
  <p style="color: #444444; background: #ffffff">Dark grey on white, 9.7:1</p></div>
<div class="jp-MarkdownOutput"><div role="slider" tabindex="0" aria-valuenow="1"
  aria-valuemin="0" aria-valuemax="2" aria-label="Time frame (min)"></div></div>
</main></body></html>"""


@pytest.fixture
def blank(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_the_audit_fails_on_course_content_and_records_jupyterlabs_own(blank):
    blank.set_content(BROKEN)
    found = audit(blank, "harness-broken")
    failing = {(v.rule, v.impact, len(v.nodes)) for v in found.failing()}
    assert failing == {("button-name", "critical", 1), ("color-contrast", "serious", 1),
                       ("aria-input-field-name", "serious", 1)}
    assert [(v.rule, v.nodes) for v in found.lab] == [("button-name", (".jp-Toolbar > button",))]
    assert found.counts()["jupyterlab"]["critical"] == 1
    with pytest.raises(AssertionError, match="button-name.*critical"):
        assert_accessible(blank, "harness-broken")


def test_the_audit_passes_fixed_content_with_jupyterlabs_own_still_broken(blank):
    blank.set_content(FIXED)
    found = assert_accessible(blank, "harness-fixed")
    assert found.course == [] and found.counts()["jupyterlab"]["critical"] == 1


def test_axe_comes_from_the_installed_wheel_not_the_network():
    script = axe_script()
    assert script.startswith("/*! axe v4.") and len(script) > 100_000
    assert ".jp-OutputArea-output" in COURSE_CONTENT


def _audit_folder(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(Path(audit_module.__file__)), str(folder)],
                          capture_output=True, text=True, timeout=120)


def test_the_static_page_audit_fails_on_a_broken_page(tmp_path):
    (tmp_path / "00_fine.html").write_text(FIXED.replace('<div class="jp-Toolbar">'
                                                         '<button></button></div>', ""))
    (tmp_path / "01_broken.html").write_text(BROKEN)
    run = _audit_folder(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "static-00_fine: {\"critical\": 0, \"serious\": 0" in run.stdout
    assert "course content of static-01_broken" in run.stderr
    # On a static page every node is the course's: the toolbar's button counts too.
    assert "button-name (critical, 2 nodes)" in run.stderr
