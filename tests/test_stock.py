"""The stock values shipped for Run All (lessonlib.stock) equal what the lessons compute now.

Each lesson's one Run All of this test run (tests/executed.py) computes every figure
and lab day afresh (``LESSONLIB_STOCK=off``) and records it; what is shipped must be
exactly that: no value missing, none different, none left over. When one differs,
``make stock`` recomputes them. Shipped figures are only comparable with the
matplotlib they were drawn with: under another version they are never read (their
fingerprint differs), and the comparison of figures is skipped with a reason.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.executed import all_executed

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("stock_script", ROOT / "scripts" / "stock.py")
stock_script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stock_script)

SHIPPED_WITH = stock_script.shipped("figures")["matplotlib"] if (
    ROOT / "lessonlib" / "stock" / "figures" / "index.json").exists() else None
SAME_MATPLOTLIB = SHIPPED_WITH == version("matplotlib")


def _problems(executions) -> list[str]:
    all_executed(executions)
    problems = stock_script.differences(executions / "stock")
    if not SAME_MATPLOTLIB:
        problems = [p for p in problems if " figure " not in p]
    return problems


def test_the_shipped_stock_equals_what_the_lessons_compute_now(executions):
    problems = _problems(executions)
    assert problems == [], ("The stock values differ from what the lessons compute now; run "
                            "`make stock` and commit lessonlib/stock/:\n" + "\n".join(problems))


def test_the_lessons_compute_stock_values_of_both_kinds(executions):
    all_executed(executions)
    for kind in stock_script.KINDS:
        assert len(stock_script.recorded(executions / "stock", kind)) >= 10, kind


def test_the_check_sees_a_changed_a_missing_and_a_leftover_value(tmp_path):
    fresh, shipped = tmp_path / "fresh", tmp_path / "shipped"
    for kind in stock_script.KINDS:
        (fresh / kind).mkdir(parents=True)
    (fresh / "figures" / "aa.json").write_text('{"what": "a", "text_pt": 9}')
    (fresh / "figures" / "aa.png").write_bytes(b"one")
    (fresh / "results" / "bb.json").write_text('{"what": "b", "value": {"completed": 3}}')
    stock_script.ship(fresh, shipped)
    assert stock_script.differences(fresh, shipped) == []
    (fresh / "figures" / "aa.png").write_bytes(b"two")
    (fresh / "results" / "bb.json").write_text('{"what": "b", "value": {"completed": 4}}')
    (fresh / "results" / "cc.json").write_text('{"what": "c", "value": {}}')
    index = json.loads((shipped / "results.json").read_text())
    index["values"]["dd"] = {"what": "d", "value": {}}
    (shipped / "results.json").write_text(json.dumps(index))
    found = "\n".join(stock_script.differences(fresh, shipped))
    assert "differs from a fresh draw: figure 'a'" in found
    assert "differs from a fresh computation: result 'b'" in found
    assert "not shipped: result 'c'" in found
    assert "shipped but no lesson computes it: result 'd'" in found


@pytest.mark.skipif(not SAME_MATPLOTLIB, reason=f"the stock figures were drawn with matplotlib "
                    f"{SHIPPED_WITH}; this is {version('matplotlib')}: they are not read")
def test_a_stock_figure_is_shown_without_matplotlib_and_a_changed_model_is_drawn():
    code = """
import sys
import IPython.display
shown = []
IPython.display.display = lambda data, raw=False: shown.append(data)
from lessonlib import scenarios, show
show(scenarios.order_fulfilment_choreography())
print("matplotlib" in sys.modules)
changed = scenarios.order_fulfilment_choreography()
changed.add_service("Billing")
show(changed)
print("matplotlib" in sys.modules, len(shown), all("<img" in s["text/html"] for s in shown))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={**__import__("os").environ, "LESSONLIB_STOCK": "on"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["False", "True", "2", "True"]


def test_the_lessons_day_is_stocked_and_a_students_own_is_not():
    from lessonlib import stock
    from lessonlib.labs import LAB_DAY, SHIPPING_TIME_FRAME

    def key(settings):
        return stock.fingerprint("results", ("failure_lab", ("choreography", False, 1000,
                                             settings, SHIPPING_TIME_FRAME, 1, "compensate")))

    shipped = stock_script.shipped("results")["values"]
    assert key(LAB_DAY) in shipped  # lesson 06: fair_lab(), the lab's own day
    assert key({**LAB_DAY, "Shipping": {"failure_rate": 0.3}}) not in shipped
