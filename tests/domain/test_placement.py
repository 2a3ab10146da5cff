"""Who owns a process, and where its engine runs (lessonlib/placement.py): the change counts by
ownership, the outages by one standard, and sentences chosen by the counts."""

from __future__ import annotations

import pytest

from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.placement import (
    BROKER,
    CENTRAL,
    GOD,
    LOCAL,
    OUTAGES,
    PLACEMENTS,
    RUNNER,
    hosting_model,
    one_standard,
    outage_lab,
    outage_table,
    ownership,
    placement_changes,
    placement_changes_text,
    placement_day,
)


def test_a_central_engine_keeps_ownership_with_the_teams_a_god_service_does_not():
    changes = placement_changes()
    assert changes[LOCAL].keys() == changes[CENTRAL].keys() == changes[GOD].keys()
    for change in changes[LOCAL]:
        assert changes[LOCAL][change].must_change == changes[CENTRAL][change].must_change
        assert "Orchestrator" in changes[GOD][change].must_change
        assert "Engine" not in changes[CENTRAL][change].must_change
    assert [p.owner for p in ownership(CENTRAL).processes] == ["Order", "Onboarding"]
    assert {p.owner for p in hosting_model(CENTRAL).processes} == {"Engine"}
    text = placement_changes_text()
    assert "Orchestrator changes for both" in text and text.count("No service changes") == 2


def test_one_standard_the_broker_and_the_central_engine_stop_what_runs_on_them():
    lab = outage_lab(4)
    for placement in PLACEMENTS:
        assert lab[placement][BROKER] == {"orders": 0, "registrations": 0, "placed": 4}
    assert lab[CENTRAL][RUNNER]["registrations"] == lab[GOD][RUNNER]["registrations"] == 0
    assert lab[LOCAL][RUNNER] == {"orders": 0, "registrations": 4, "placed": 4}


def test_nothing_down_everything_completes_in_every_placement():
    for placement in PLACEMENTS:
        sim = placement_day(placement)
        sim.place_orders(3, flow="order")
        sim.place_orders(3, flow="customer")
        sim.run()
        assert sim.counts("order")["completed"] == sim.counts("customer")["completed"] == 3


def test_the_broker_down_delivers_nothing_and_says_so():
    sim = placement_day(LOCAL, outage=BROKER)
    sim.place_orders(1)
    sim.run()
    assert {r.note for r in sim.trace} == {"the broker is down"}


def _fake(local: int, central: int, broker: int, n: int = 10) -> dict:
    def counts(reg: int) -> dict:
        return {"orders": 0, "registrations": reg, "placed": n}
    return {LOCAL: {BROKER: counts(broker), RUNNER: counts(local)},
            CENTRAL: {BROKER: counts(broker), RUNNER: counts(central)},
            GOD: {BROKER: counts(broker), RUNNER: counts(central)}}


@pytest.mark.parametrize("local, central, broker", [
    (10, 0, 0), (0, 0, 0), (10, 10, 10), (5, 0, 0), (10, 0, 10), (0, 10, 0)])
def test_the_sentences_follow_the_counts_not_a_fixed_claim(local, central, broker):
    text = one_standard(_fake(local, central, broker))
    assert f"The broker down: {broker} registrations completed" in text
    assert f"The central engine down: {central} registrations completed" in text
    assert ("stops both, as the broker's does" in text) == (central == 0 == broker)
    assert (f"with local engines: {local} registrations completed: an owner's outage stops "
            f"what it owns" in text) == (local == 10)
    assert outage_table(_fake(local, central, broker)).count(f"{broker} of 10") >= 3


def test_the_real_lab_reads_as_one_standard():
    text = one_standard(outage_lab(3))
    assert "0 registrations completed, whatever the placement" in text
    assert "stops both, as the broker's does" in text


@pytest.mark.parametrize("bad", ["lab", {}, {LOCAL: {}}, [1]])
def test_a_lab_of_another_shape_gets_a_sentence(bad):
    with pytest.raises(LessonTypeError, match="outage_lab"):
        outage_table(bad)


def test_an_unknown_placement_or_outage_names_the_choices():
    with pytest.raises(LessonError, match="local engines"):
        placement_day("local engine X")
    with pytest.raises(LessonError, match="the broker"):
        placement_day(LOCAL, outage="the brokers")
    assert OUTAGES == (BROKER, RUNNER)
