"""The classroom service's store on its own (no hub): rows kept under an earlier release's
lesson ids count for the lessons that hold their activities today, and a reset deletes them.
"""

from __future__ import annotations

from lessonlib.classroom_web.store import Store
from lessonlib.course.activities import INCONSISTENT_ORDERS, OUTAGE
from lessonlib.course.former import FORMER_IDS

OLD_05, OLD_06, _ = FORMER_IDS
NEW_05, NEW_06 = FORMER_IDS[OLD_05]


def test_results_and_reset_include_rows_stored_under_an_old_id(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'classroom.sqlite'}")
    store.add("ada", OLD_05, "prediction", INCONSISTENT_ORDERS[1],
              {"inconsistent orders": 4}, None)
    store.add("ada", OLD_05, "prediction", OUTAGE[1],
              {"local engines": 10, "one central orchestrator": 0}, None)
    store.add("ben", NEW_06, "prediction", INCONSISTENT_ORDERS[1],
              {"inconsistent orders": 0}, None)
    store.add("ben", OLD_06, "exercise", "not an activity today", True, True)

    sagas = store.results(NEW_06, names=False)
    inconsistent, = [p for p in sagas["predictions"] if p["key"] == INCONSISTENT_ORDERS[1]]
    assert inconsistent["values"]["inconsistent orders"] == {"4": 1, "0": 1}
    outage, = [p for p in store.results(NEW_05, names=False)["predictions"]
               if p["key"] == OUTAGE[1]]
    assert outage["answered"] == 1

    assert store.reset(NEW_06) == 2  # ada's old row and ben's new one; 05's stays
    assert store.count() == 2
    assert store.reset("07_commands_in_disguise") == 1  # all of old 06 is today's 07
    assert store.count() == 1
