"""Lesson 02's ledger: each entry counted on the course's models by impact, the winner and
the sentences chosen by the numbers, never fixed."""

from __future__ import annotations

import pytest

from lessonlib import scenarios
from lessonlib.errors import LessonError
from lessonlib.ledger import (
    Entry,
    Hub,
    Ledger,
    hubs,
    ledger,
    new_caller,
    reactions_commanded,
    second_reactor,
)
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION


def test_a_second_reactor_is_cheaper_as_an_event_a_new_caller_as_a_command():
    reactor, caller = second_reactor(), new_caller()
    assert reactor[CHOREOGRAPHY].must_change == ("SMS",)
    assert reactor[ORCHESTRATION].must_change == ("SMS", "Onboarding")
    assert caller[CHOREOGRAPHY].must_change == ("Ticketing", "Payment")
    assert caller[ORCHESTRATION].must_change == ("Ticketing",)
    found = ledger()
    assert [e.winner for e in found.entries] == [CHOREOGRAPHY, ORCHESTRATION, None]
    assert "neither style wins everywhere" in found.report()


def test_the_commanded_reactions_are_the_one_onboarding_model_with_the_trees_command_names():
    commanded = reactions_commanded()
    events = scenarios.customer_onboarding_orchestration()
    assert set(commanded.services) == set(events.services)
    assert commanded.message("CustomerCreated").targets == ()
    assert commanded.handles("Notification") == ("SendOnboardingEmail",)
    assert commanded.handles("Loyalty") == ("EnrolInLoyalty",)
    # everything else is as the one model has it
    assert commanded.processes == events.processes


def test_the_second_reactor_counts_any_new_reactor_and_refuses_an_old_one():
    assert second_reactor("Analytics", "CountCustomer")[ORCHESTRATION].total == 2
    with pytest.raises(LessonError, match="must be a new service"):
        second_reactor("Loyalty")


def test_each_hub_carries_every_message_of_an_order_in_the_course_models():
    found = hubs()
    assert found[CHOREOGRAPHY].carries == scenarios.order_fulfilment_choreography().events()
    assert len(found[ORCHESTRATION].carries) == found[ORCHESTRATION].total == 8
    assert all(h.stops_every_order for h in found.values())
    with pytest.raises(LessonError, match="no process with an owner"):
        hubs(owned=scenarios.order_fulfilment_choreography())


def test_the_winner_and_the_sentences_follow_the_numbers():
    tie = Entry("x", "x", "services", {CHOREOGRAPHY: 2, ORCHESTRATION: 2}, "")
    assert tie.winner is None and tie.verdict() == "a tie"
    events = Entry("x", "x", "services", {CHOREOGRAPHY: 1, ORCHESTRATION: 3}, "")
    assert events.verdict() == "events win"
    shown = Entry("x", "x", "messages", {CHOREOGRAPHY: "1 of 4", ORCHESTRATION: "8 of 8"}, "",
                  costs={CHOREOGRAPHY: 0, ORCHESTRATION: 1})
    assert shown.winner == CHOREOGRAPHY  # the costs decide, not the shown text
    # a hub that carries only some messages does not stop every order, and the entry says so
    partial = {CHOREOGRAPHY: Hub(CHOREOGRAPHY, "the broker", ("A",), 2),
               ORCHESTRATION: Hub(ORCHESTRATION, "the engine", ("A", "B"), 2)}
    assert "some messages of an order get through without it" in str(partial[CHOREOGRAPHY])
    found = ledger()
    one_sided = Ledger((events, events), found.reactor, found.caller, found.hubs)
    assert one_sided.conclusion() == "" and "neither style" not in one_sided.report()
    assert Ledger((tie,), {}, {}, {}).conclusion().startswith("No entry has a winner")
    with pytest.raises(LessonError, match="has no entry"):
        found.entry("a third reactor")
