"""The change-impact engine: counts come from comparing two models, in both styles."""

from __future__ import annotations

import pytest

from lessonlib import LessonError, LessonTypeError
from lessonlib.architecture import Filter
from lessonlib.change_impact import ASPECTS, Change, impact
from lessonlib.changes import (
    insert_step,
    reorder,
    replace_subscription_by_command,
    steps_of,
    where_is_the_process,
)
from lessonlib.pictures.impact import describe_impact, draw_impact
from lessonlib.scenarios import (
    customer_onboarding_choreography,
    customer_onboarding_orchestration,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
)


def reasons(result, service):
    return {(c.aspect, c.how, c.detail) for c in result.changed[service]}


# --------------------------------------------------------------------------- the lesson's counts


def test_fetch_goods_first_changes_three_services_in_the_chain():
    chain = order_fulfilment_choreography()
    result = impact(chain, reorder(chain, "Payment", "Inventory"))
    assert result.total == 3
    assert list(result.changed) == ["Payment", "Inventory", "Shipping"]
    assert result.untouched == ("Checkout",)
    assert reasons(result, "Payment") == {("subscription", "added", "GoodsFetched"),
                                         ("subscription", "removed", "OrderPlaced")}
    assert reasons(result, "Shipping") == {("subscription", "added", "PaymentReceived"),
                                          ("subscription", "removed", "GoodsFetched")}


def test_fetch_goods_first_changes_only_the_owner_with_orchestration():
    orch = order_fulfilment_orchestration()
    after = reorder(orch, "Payment", "Inventory")
    result = impact(orch, after)
    assert result.counts() == {"new": 0, "changed": 1, "removed": 0, "untouched": 4,
                               "must change": 1}
    assert reasons(result, "Order") == {("process", "reordered", "Order fulfilment")}
    assert after.process("Order fulfilment").steps[1:5] == (
        "FetchGoods", "GoodsFetched", "RetrievePayment", "PaymentReceived")


def test_vip_pay_by_invoice_two_in_the_chain_one_with_orchestration():
    # Ruecker's telling: Payment skips VIP orders; Inventory reacts to OrderPlaced for VIPs.
    chain = order_fulfilment_choreography()
    vip_chain = chain.copy()
    vip_chain.narrow("Payment", "OrderPlaced", only="non-VIP orders")
    vip_chain.subscribe("Inventory", "OrderPlaced", only="VIP orders")
    result = impact(chain, vip_chain)
    assert (result.total, tuple(result.changed)) == (2, ("Payment", "Inventory"))
    assert reasons(result, "Payment") == {("filter", "added", "OrderPlaced only for non-VIP orders")}
    assert reasons(result, "Inventory") == {("filter", "added", "OrderPlaced only for VIP orders")}
    assert "now reacts to OrderPlaced only for VIP orders" in str(result)
    # the filter is a value the report reads, not a sentence parsed back
    (added,) = result.changed["Inventory"]
    assert added.filter == Filter("OrderPlaced", "Inventory", "VIP orders")
    # no double fetch: every OrderPlaced reaches Payment or Inventory, never both
    placed = vip_chain.message("OrderPlaced")
    assert {t: placed.condition(t) for t in placed.targets} == {
        "Payment": "non-VIP orders", "Inventory": "VIP orders"}
    orch = order_fulfilment_orchestration()
    vip_orch = orch.copy()
    vip_orch.add_process("VIP order fulfilment", owner="Order", steps=[
        "OrderPlaced", "FetchGoods", "GoodsFetched", "ShipGoods", "GoodsShipped",
        "OrderCompleted"])
    assert "RetrievePayment" not in vip_orch.process("VIP order fulfilment").steps
    result = impact(orch, vip_orch)
    assert (result.total, tuple(result.changed)) == (1, ("Order",))
    assert reasons(result, "Order") == {("process", "added", "VIP order fulfilment")}


def test_a_filter_taken_off_or_changed_is_a_change_too():
    chain = order_fulfilment_choreography()
    narrowed = chain.copy()
    narrowed.narrow("Payment", "OrderPlaced", only="non-VIP orders")
    assert [str(c) for c in impact(narrowed, chain).changed["Payment"]] == [
        "no longer reacts to OrderPlaced only for non-VIP orders"]
    other = narrowed.copy()
    other.narrow("Payment", "OrderPlaced", only="orders under 1000 euros")
    assert tuple(impact(narrowed, other).changed) == ("Payment",)


# --------------------------------------------------------------------------- each change kind


@pytest.mark.parametrize("make, aspect, service", [
    (lambda a: a.subscribe("Shipping", "OrderPlaced"), "subscription", "Shipping"),
    (lambda a: a.unsubscribe("Inventory", "PaymentReceived"), "subscription", "Inventory"),
    (lambda a: a.add_event("PaymentFailed", emitter="Payment"), "emitted event", "Payment"),
    (lambda a: a.remove_message("GoodsShipped"), "emitted event", "Shipping"),
])
def test_each_change_kind_in_the_chain(make, aspect, service):
    chain = order_fulfilment_choreography()
    after = chain.copy()
    make(after)
    result = impact(chain, after)
    assert result.total == 1
    assert [c.aspect for c in result.changed[service]] == [aspect]


@pytest.mark.parametrize("make, expected", [
    (lambda a: a.add_command("RefundPayment", sender="Order", receiver="Payment"),
     {"Order": {("command sent", "added", "RefundPayment")},
      "Payment": {("command handled", "added", "RefundPayment")}}),
    (lambda a: a.remove_message("ShipGoods"),
     {"Order": {("command sent", "removed", "ShipGoods"),
                ("process", "steps", "Order fulfilment")},
      "Shipping": {("command handled", "removed", "ShipGoods")}}),
    (lambda a: a.add_process("Refunds", owner="Order", steps=["RetrievePayment"]),
     {"Order": {("process", "added", "Refunds")}}),
])
def test_each_change_kind_with_orchestration(make, expected):
    orch = order_fulfilment_orchestration()
    after = orch.copy()
    make(after)
    result = impact(orch, after)
    assert {s: reasons(result, s) for s in result.changed} == expected
    assert result.total == len(expected)


def test_every_aspect_has_a_sentence_both_ways():
    for aspect in ASPECTS:
        added, removed = Change("A", aspect, "added", "X"), Change("A", aspect, "removed", "X")
        assert str(added) != str(removed)
        assert "X" in str(added) and "X" in str(removed)


def test_reasons_are_counted_per_aspect():
    orch = order_fulfilment_orchestration()
    result = impact(orch, insert_step(orch, "Fraud check", after="Payment",
                                      command="CheckFraud", event="FraudChecked"))
    assert result.reasons() == {"subscription": 1, "filter": 0, "emitted event": 0,
                                "command sent": 1, "command handled": 0, "process": 1}


@pytest.mark.parametrize("scenario", [
    order_fulfilment_choreography, order_fulfilment_orchestration,
    customer_onboarding_choreography, customer_onboarding_orchestration,
])
def test_an_unchanged_copy_changes_nothing(scenario):
    before = scenario()
    result = impact(before, before.copy())
    assert result.total == 0
    assert result.counts()["untouched"] == len(before.services)
    assert result.summary().startswith("No service must change")


def test_a_renamed_message_changes_its_emitter_and_subscribers():
    chain = order_fulfilment_choreography()
    after = chain.copy()
    after.rename_message("OrderPlaced", "OrderSubmitted")
    result = impact(chain, after)
    assert result.renamed == (("OrderPlaced", "OrderSubmitted"),)
    assert tuple(result.changed) == ("Checkout", "Payment")
    assert reasons(result, "Payment") == {("subscription", "renamed",
                                          "OrderPlaced -> OrderSubmitted")}
    assert "instead of OrderPlaced (renamed)" in result.report()


def test_a_renamed_step_in_an_owned_process_is_not_a_reordering():
    orch = order_fulfilment_orchestration()
    after = orch.copy()
    after.rename_message("FetchGoods", "RetrieveGoods")
    result = impact(orch, after)
    assert reasons(result, "Order") == {("command sent", "renamed", "FetchGoods -> RetrieveGoods")}


def test_a_removed_service_is_counted_and_its_neighbours_change():
    chain = order_fulfilment_choreography()
    after = chain.copy()
    after.remove_service("Inventory")
    result = impact(chain, after)
    assert result.removed == ("Inventory",)
    assert tuple(result.changed) == ("Shipping",)  # lost its subscription to GoodsFetched
    assert result.total == 2
    assert "Inventory is removed" in result.report()


def test_a_new_service_reports_what_it_does():
    chain = order_fulfilment_choreography()
    result = impact(chain, insert_step(chain, "Fraud check", after="Payment",
                                       event="FraudChecked"))
    assert result.new == ("Fraud check",)
    assert tuple(result.changed) == ("Inventory",)
    assert "Fraud check is new: it subscribes to PaymentReceived; emits FraudChecked" in \
        result.report()


def test_impact_is_pure():
    chain = order_fulfilment_choreography()
    after = reorder(chain, "Payment", "Inventory")
    snapshot_before, snapshot_after = chain.copy(), after.copy()
    result = impact(chain, after)
    assert chain == snapshot_before and after == snapshot_after
    after.subscribe("Checkout", "GoodsShipped")  # later edits do not change the result
    assert result.after == snapshot_after


# --------------------------------------------------------------------------- helpers


def test_reorder_keeps_each_service_emitting_its_own_event():
    after = reorder(order_fulfilment_choreography(), "Payment", "Inventory")
    assert after.emits("Payment") == ("PaymentReceived",)
    assert [after.subscriptions(s) for s in ("Inventory", "Payment", "Shipping")] == [
        ("OrderPlaced",), ("GoodsFetched",), ("PaymentReceived",)]


def test_reorder_with_the_last_step_of_a_chain():
    chain = order_fulfilment_choreography()
    after = reorder(chain, "Inventory", "Shipping")
    assert steps_of(after) == ("Checkout", "Payment", "Shipping", "Inventory")
    assert after.subscriptions("Inventory") == ("GoodsShipped",)


def test_insert_step_in_an_owned_process():
    orch = customer_onboarding_orchestration()
    after = insert_step(orch, "Criminal check", after="Credit check",
                        command="CheckCriminalRecord")
    assert after.process("Customer onboarding").steps == (
        "RegistrationRequested", "CheckAddress", "CheckCredit", "CheckCriminalRecord",
        "AddressChecked", "CreditChecked", "CustomerCreated", "SendWelcomeLetter")
    result = impact(orch, after)
    assert (result.new, tuple(result.changed)) == (("Criminal check",), ("Onboarding",))
    assert "process 'Customer onboarding' (adds CheckCriminalRecord)" in result.report()


def test_replace_subscription_by_command_from_another_sender():
    chain = order_fulfilment_choreography()
    after = chain.copy()
    after.add_service("Order")
    after.subscribe("Order", "OrderPlaced")
    fixed = replace_subscription_by_command(after, "Payment", "OrderPlaced",
                                            command="RetrievePayment", sender="Order")
    assert fixed.message("RetrievePayment").source == "Order"
    assert fixed.subscriptions("Payment") == ()


def test_where_is_the_process_in_both_styles():
    chain = where_is_the_process(order_fulfilment_choreography())
    assert chain.owner is None and chain.count == 3
    assert chain.sequence == ("Checkout", "Payment", "Inventory", "Shipping")
    assert "nowhere, and everywhere" in str(chain)
    owned = where_is_the_process(order_fulfilment_orchestration())
    assert (owned.owner, owned.count) == ("Order", 1)
    assert "one place" in str(owned)


def test_the_services_that_hold_the_chain_are_the_ones_a_reordering_changes():
    chain = order_fulfilment_choreography()
    assert where_is_the_process(chain).defined_in == tuple(
        impact(chain, reorder(chain, "Payment", "Inventory")).changed)


# --------------------------------------------------------------------------- the picture


def test_the_picture_marks_changed_and_new_services_not_by_colour_alone():
    chain = order_fulfilment_choreography()
    result = impact(chain, insert_step(chain, "Fraud check", after="Payment",
                                       event="FraudChecked"))
    ax = draw_impact(result)
    hatched = sorted(p.get_gid() for p in ax.patches if p.get_hatch())
    texts = [t.get_text() for t in ax.texts]
    assert hatched == ["service:Inventory"]
    assert "NEW" in texts and "CHANGED" in texts
    assert "2 services must change" in ax.get_title()
    text = describe_impact(result)
    assert "Inventory (changed)" in text and "Fraud check (new)" in text
    assert text.startswith(result.summary())


# --------------------------------------------------------------------------- bad input


def test_unrelated_models_are_refused_with_a_sentence():
    with pytest.raises(LessonError, match="no service in common.*copy"):
        impact(order_fulfilment_choreography(), customer_onboarding_choreography())


def test_the_same_object_twice_is_refused():
    chain = order_fulfilment_choreography()
    with pytest.raises(LessonError, match=r"after = before.copy\(\)"):
        impact(chain, chain)


@pytest.mark.parametrize("bad", [None, "chain", 3, [order_fulfilment_choreography()]])
def test_impact_needs_architectures(bad):
    with pytest.raises(LessonTypeError, match="must be an Architecture"):
        impact(order_fulfilment_choreography(), bad)


@pytest.mark.parametrize("scenario, bad, nearest", [
    (order_fulfilment_choreography, "Paymnet", "Payment"),
    (order_fulfilment_choreography, "inventory", "Inventory"),
    (order_fulfilment_orchestration, "Shiping", "Shipping"),
])
def test_unknown_step_names_get_a_suggestion(scenario, bad, nearest):
    with pytest.raises(LessonError, match=f"Unknown step {bad!r}.*Did you mean {nearest!r}"):
        reorder(scenario(), "Payment" if bad != "Paymnet" else "Inventory", bad)
    with pytest.raises(LessonError, match=f"Did you mean {nearest!r}"):
        insert_step(scenario(), "Fraud check", after=bad, event="FraudChecked",
                    command=None if scenario is order_fulfilment_choreography else "CheckFraud")


@pytest.mark.parametrize("call, message", [
    (lambda: reorder(order_fulfilment_choreography(), "Payment", "Payment"), "two different"),
    (lambda: reorder(order_fulfilment_choreography(), "Checkout", "Payment"), "starts the process"),
    (lambda: reorder(customer_onboarding_choreography(), "Letter", "Loyalty"),
     "not a straight chain"),
    (lambda: insert_step(order_fulfilment_choreography(), "Fraud", after="Payment"),
     "must announce"),
    (lambda: insert_step(order_fulfilment_orchestration(), "Fraud", after="Payment"),
     "command="),
    (lambda: insert_step(order_fulfilment_choreography(), "Payment", after="Checkout",
                         event="X"), "already exists"),
    (lambda: replace_subscription_by_command(order_fulfilment_choreography(), "Shipping",
                                             "OrderPlaced", command="Ship"),
     "does not subscribe"),
    (lambda: where_is_the_process(order_fulfilment_orchestration(), "Order fulfillment"),
     "Did you mean 'Order fulfilment'"),
])
def test_helpers_refuse_bad_changes_with_a_sentence(call, message):
    with pytest.raises(LessonError, match=message):
        call()


def test_an_owned_process_may_swap_its_first_commands_but_not_its_trigger():
    from lessonlib.scenarios import seed_orchestration

    swapped = reorder(seed_orchestration(), "Payment", "Inventory")
    assert swapped.process("Order fulfilment").steps == ("OrderPlaced", "FetchGoods",
                                                          "RetrievePayment")
    with pytest.raises(LessonError, match="'Checkout' starts the process"):
        reorder(order_fulfilment_orchestration(), "Checkout", "Payment")
