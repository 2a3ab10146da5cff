"""The architecture model: the course's definitions as rules and answers."""

import networkx as nx
import pytest

from lessonlib import Architecture, LessonError, scenarios
from lessonlib.architecture import Filter, Link


def small():
    arch = Architecture("small", services=["A", "B", "C"])
    arch.add_command("DoIt", sender="A", receiver="B")
    arch.add_event("ItHappened", emitter="B", subscribers=["A", "C"])
    return arch


def test_commands_and_events_are_told_apart():
    arch = small()
    assert arch.commands() == ("DoIt",)
    assert arch.events() == ("ItHappened",)
    assert arch.kind_of("DoIt") == "command"
    assert arch.kind_of("ItHappened") == "event"


@pytest.mark.parametrize(
    ("message", "dependent", "depends_on"),
    [("DoIt", "A", "B"), ("ItHappened", "C", "B")],
)
def test_dependency_side_follows_the_kind(message, dependent, depends_on):
    links = [lk for lk in small().links() if lk.message == message and lk.dependent == dependent]
    assert [(lk.dependent, lk.depends_on) for lk in links] == [(dependent, depends_on)]


def test_link_dependency_rule_both_ways():
    assert Link("X", "command", "S", "R").dependent == "S"
    assert Link("X", "event", "S", "R").dependent == "R"
    assert Link("X", "event", "S", "R").depends_on == "S"


def test_who_depends_on_a_service():
    arch = small()
    assert arch.dependents("B") == ("A", "C")
    assert arch.depends_on("A") == ("B",)
    assert arch.dependents("A") == ()


def test_path_of_a_message():
    assert small().path_of("ItHappened") == ("B", "A", "C")
    assert small().path_of("DoIt") == ("A", "B")


def test_event_may_have_no_subscribers():
    arch = Architecture(services=["Shipping"])
    arch.add_event("GoodsShipped", emitter="Shipping")
    assert arch.links() == ()
    assert arch.message("GoodsShipped").targets == ()


def test_subscribe_and_unsubscribe_change_links():
    arch = small()
    arch.unsubscribe("C", "ItHappened")
    assert arch.message("ItHappened").targets == ("A",)
    arch.subscribe("C", "ItHappened")
    assert arch.message("ItHappened").targets == ("A", "C")


def test_remove_service_drops_its_messages_and_subscriptions():
    arch = small()
    arch.remove_service("C")
    assert arch.message("ItHappened").targets == ("A",)
    arch.remove_service("B")
    assert arch.messages == ()
    assert arch.services == ("A",)


def test_rename_keeps_order_links_and_process_steps():
    arch = scenarios.order_fulfilment_orchestration()
    arch.rename_message("RetrievePayment", "CollectPayment")
    assert arch.commands() == ("CollectPayment", "FetchGoods", "ShipGoods")
    assert "CollectPayment" in arch.process("Order fulfilment").steps
    assert arch.path_of("CollectPayment") == ("Order", "Payment")


def test_copy_is_independent_and_equal():
    arch = small()
    twin = arch.copy()
    assert twin == arch
    twin.subscribe("C", "ItHappened") if "C" not in twin.message("ItHappened").targets else None
    twin.remove_message("DoIt")
    assert twin != arch
    assert arch.commands() == ("DoIt",)


def test_graph_is_networkx_and_dependency_graph_points_to_depended_on():
    arch = small()
    g = arch.graph()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.has_edge("A", "B", key="DoIt")
    d = arch.graph(dependencies=True)
    assert d.has_edge("A", "B", key="DoIt")  # command: sender -> receiver
    assert d.has_edge("C", "B", key="ItHappened")  # event: subscriber -> emitter
    assert not d.has_edge("B", "C")


def test_process_steps_must_involve_owner():
    arch = scenarios.order_fulfilment_orchestration()
    with pytest.raises(LessonError, match="does not involve its owner"):
        arch.add_process("Bad", owner="Checkout", steps=["ShipGoods"])


def test_kind_is_case_insensitive():
    arch = Architecture(services=["A", "B"])
    arch.add_message("Go", "Command", "A", ["B"])
    assert arch.kind_of("Go") == "command"


@pytest.mark.parametrize(
    ("factory", "services", "commands", "events"),
    [
        (scenarios.order_fulfilment_choreography, 4, 0, 4),
        (scenarios.order_fulfilment_orchestration, 5, 3, 5),
        (scenarios.seed_choreography, 3, 0, 2),
        (scenarios.seed_orchestration, 4, 2, 1),
        (scenarios.customer_onboarding_orchestration, 7, 3, 4),
        (scenarios.customer_onboarding_choreography, 7, 0, 4),
    ],
)
def test_scenarios_match_their_sources(factory, services, commands, events):
    arch = factory()
    assert (len(arch.services), len(arch.commands()), len(arch.events())) == (
        services, commands, events)


def test_onboarding_is_three_commands_and_two_event_reactions():
    arch = scenarios.customer_onboarding_orchestration()
    assert arch.commands() == ("CheckAddress", "CheckCredit", "SendWelcomeLetter")
    reactions = [c for c in arch.couplings() if c.kind == "event" and c.depends_on == "Onboarding"]
    assert [c.dependent for c in reactions] == ["Notification", "Loyalty"]
    # The checks answer with their results: each is one link with its command.
    checks = {c.message: c.replies for c in arch.couplings() if c.replies}
    assert checks == {"CheckAddress": ("AddressChecked",), "CheckCredit": ("CreditChecked",)}


def test_both_onboarding_styles_are_built_from_one_model():
    orch = scenarios.customer_onboarding_orchestration()
    choreo = scenarios.customer_onboarding_choreography()
    assert orch.services == choreo.services == scenarios.ONBOARDING_SERVICES
    assert set(choreo.events()) <= set(orch.events())
    assert orch.owner_of("Customer onboarding") == "Onboarding"
    assert choreo.emits("Onboarding") == orch.emits("Onboarding") == ("CustomerCreated",)


def test_a_command_and_its_reply_are_one_link():
    orch = scenarios.order_fulfilment_orchestration()
    chain = scenarios.order_fulfilment_choreography()
    assert len(orch.links()) == 7  # every message and receiver, as drawn
    assert len(orch.couplings()) == 4 and len(chain.couplings()) == 3
    assert all(c.dependent == "Order" for c in orch.couplings())


def test_orchestrated_order_service_listens_and_sends_as_flowing_retail():
    arch = scenarios.order_fulfilment_orchestration()
    assert arch.subscriptions("Order") == (
        "OrderPlaced", "PaymentReceived", "GoodsFetched", "GoodsShipped")
    assert arch.sends("Order") == ("RetrievePayment", "FetchGoods", "ShipGoods")
    assert arch.emits("Order") == ("OrderCompleted",)


def test_scenarios_are_fresh_each_call():
    a = scenarios.order_fulfilment_choreography()
    a.remove_service("Shipping")
    assert len(scenarios.order_fulfilment_choreography().services) == 4


def test_a_subscription_may_react_to_some_of_an_event_only():
    from lessonlib.scenarios import order_fulfilment_choreography

    chain = order_fulfilment_choreography()
    chain.subscribe("Inventory", "OrderPlaced", only="VIP orders")
    assert chain.condition("Inventory", "OrderPlaced") == "VIP orders"
    assert chain.condition("Payment", "OrderPlaced") == ""
    assert [link.condition for link in chain.links() if link.message == "OrderPlaced"] == [
        "", "VIP orders"]
    assert Filter("OrderPlaced", "Inventory", "VIP orders") in chain.roles()["Inventory"].filters
    assert "OrderPlaced only for VIP orders" in chain.roles()["Inventory"].only  # old form, to 0.3
    copy = chain.copy()
    assert copy == chain
    copy.narrow("Inventory", "OrderPlaced", only="orders over 100 euros")
    assert copy != chain and chain.condition("Inventory", "OrderPlaced") == "VIP orders"
    copy.unsubscribe("Inventory", "OrderPlaced")
    copy.subscribe("Inventory", "OrderPlaced")
    assert copy.condition("Inventory", "OrderPlaced") == ""  # a new subscription takes all
    chain.rename_message("OrderPlaced", "OrderSubmitted")
    assert chain.condition("Inventory", "OrderSubmitted") == "VIP orders"
    assert chain.roles()["Inventory"].filters == {Filter("OrderSubmitted", "Inventory",
                                                         "VIP orders")}
    with pytest.raises(LessonError, match="does not subscribe"):
        chain.narrow("Shipping", "OrderSubmitted", only="VIP orders")
    with pytest.raises(LessonError, match="use narrow"):
        chain.subscribe("Payment", "OrderSubmitted")
    with pytest.raises(LessonError, match="must not be empty"):
        chain.narrow("Payment", "OrderSubmitted", only="  ")
