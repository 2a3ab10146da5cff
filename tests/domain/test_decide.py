"""Tests for lessonlib.decide: the decision tree, its walker, onboarding, reuse, mixing."""

from __future__ import annotations

import re

import pytest

from lessonlib import LessonError, LessonTypeError
from lessonlib.architecture import COMMAND, EVENT
from lessonlib.coupling import both_ways, coupling_report, link_mix, reuse_comparison
from lessonlib.decisions import (
    CATALOGUE,
    ONBOARDING,
    TREE,
    TreeLeaf,
    TreeQuestion,
    architecture_of,
    case,
    decide,
    decide_all,
    decide_onboarding,
    decide_own,
    next_step,
    review_onboarding_guess,
    tally,
    walk,
)
from lessonlib.pictures.reuse import describe_reuse, draw_reuse
from lessonlib.pictures.tree import describe_tree, draw_tree
from lessonlib.scenarios import (
    customer_onboarding_orchestration,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
)
from lessonlib.widgets.walker import decision_walker


def test_tree_is_well_formed_every_branch_ends_in_an_outcome():
    for node in TREE.values():
        if isinstance(node, TreeQuestion):
            assert node.yes in TREE and node.no in TREE
    kinds = {n.kind for n in TREE.values() if isinstance(n, TreeLeaf)}
    assert kinds == {COMMAND, EVENT, None}


@pytest.mark.parametrize("answers, kind", [
    ([True], COMMAND), (["yes"], COMMAND), (["no", "yes"], EVENT), ([False, "No"], None),
])
def test_walk_reaches_the_right_outcome(answers, kind):
    path, outcome = walk(answers)
    assert outcome.kind == kind
    assert len(path) == len(answers)


def test_sender_cares_is_the_first_question_and_carries_ruecker_s_sharper_form():
    first = next_step([])
    assert first.text == "Does the sender care that it happens?"
    assert "which team must make sure it really happens" in first.help


@pytest.mark.parametrize("answers, error, words", [
    ([True, True], LessonError, "Too many answers"),
    ([False], LessonError, "Not enough answers"),
    (["maybe"], LessonError, "'yes' or 'no'"),
    (["yse"], LessonError, "Did you mean 'yes'"),
    ([1], LessonTypeError, "yes or no"),
    ("yes", LessonTypeError, "a list of yes/no"),
    (True, LessonTypeError, "a list of yes/no"),
])
def test_walk_bad_input(answers, error, words):
    with pytest.raises(error, match=words):
        walk(answers)


@pytest.mark.parametrize("key, kind, dependent", [
    ("welcome letter", COMMAND, "Onboarding"),
    ("address check", COMMAND, "Onboarding"),
    ("credit check", COMMAND, "Onboarding"),
    ("loyalty enrolment", EVENT, "Loyalty"),
    ("onboarding e-mail", EVENT, "Notification"),
    ("payment", COMMAND, "Order"),
    ("sales dashboard", EVENT, "Analytics"),
])
def test_catalogue_decisions_and_direction_of_coupling(key, kind, dependent):
    decision = decide(case(key))
    assert decision.kind == kind
    assert decision.link.dependent == dependent
    # the team that must make sure it happens is the side that carries the coupling
    assert decision.owner == dependent
    assert decision.headline().endswith(f"{dependent} depends on {decision.link.depends_on}.")


def test_every_catalogue_link_is_decided():
    assert all(decide(c).kind in (COMMAND, EVENT) for c in CATALOGUE)


def test_onboarding_is_three_commands_and_two_event_reactions_from_the_model():
    decisions = decide_all()
    assert [d.kind for d in decisions].count(COMMAND) == 3
    assert tally(decisions) == "5 links: 3 commands and 2 event reactions."
    built = architecture_of(decisions, "Customer onboarding")
    reference = customer_onboarding_orchestration()
    assert set(built.commands()) == set(reference.commands())
    reactions = {(m.name, t) for m in reference.messages if m.is_event and m.source == "Onboarding"
                 for t in m.targets}
    assert {(link.message, link.receiver) for link in built.links(EVENT)} == reactions


def test_legally_required_onboarding_email_becomes_a_command():
    email = case("onboarding e-mail")
    assert decide(email).kind == EVENT
    marked = email.marked(legally_required=True)
    assert decide(marked).kind == COMMAND
    assert "required by law" in decide(marked).reason
    links = [marked if c.key == email.key else c for c in ONBOARDING]
    assert tally(decide_all(links)) == "5 links: 4 commands and 1 event reaction."
    assert decide_onboarding(legally_required=["Onboarding e-mail"]) == decide_all(links)
    assert decide_onboarding() == decide_all()


def test_a_link_nobody_owns_is_no_link():
    loyalty = case("loyalty enrolment").marked(receiver_owns=False)
    decision = decide(loyalty)
    assert decision.kind is None and decision.link is None and decision.owner is None
    assert "without an owner" in tally([decision])
    assert architecture_of([decision]).links() == ()


def test_decide_own():
    d = decide_own(["yes"], "Billing", "Archive", "archiving the invoice", "ArchiveInvoice")
    assert (d.kind, d.message, d.link.dependent) == (COMMAND, "ArchiveInvoice", "Billing")
    assert "Billing team" in str(d)


@pytest.mark.parametrize("call, error, words", [
    (lambda: case("loyalty enrolmnt"), LessonError, "Did you mean .loyalty enrolment."),
    (lambda: case(5), LessonTypeError, "must be a string"),
    (lambda: decide("welcome letter"), LessonTypeError, "decide\\(case"),
    (lambda: case("payment").marked(legal=True), LessonError, "legally_required"),
    (lambda: case("payment").marked(legally_required="yes"), LessonTypeError, "True or False"),
    (lambda: decide_own(["yes"], "Shop", "Shop"), LessonError, "two different services"),
    (lambda: decide_own(["yes"], "", "Shop"), LessonError, "must not be empty"),
    (lambda: tally(["command"]), LessonTypeError, "counts decisions"),
    (lambda: architecture_of(["command"]), LessonTypeError, "Expected decisions"),
    (lambda: coupling_report("shop"), LessonTypeError, "must be an Architecture"),
    (lambda: link_mix(None), LessonTypeError, "must be an Architecture"),
    (lambda: both_ways("payment"), LessonTypeError, "link from the catalogue"),
    (lambda: draw_tree("path"), LessonTypeError, "Expected a Decision"),
    (lambda: decide_onboarding(["payment"]), LessonError, "not one of the five"),
    (lambda: decide_onboarding(["emial"]), LessonError, "Unknown link"),
])
def test_bad_input(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_review_onboarding_guess_grades_parses_and_reports_typos():
    text = review_onboarding_guess({"Address check": "command", "credit check": "event",
                                   "welcome letter": "comand", "loyalty enrolment": "Event"})
    lines = text.splitlines()
    assert lines[0].startswith("address check: ✓")
    assert lines[1].startswith("credit check: ✗ it is a command")
    assert "Did you mean 'command'" in lines[2]
    assert lines[3] == "onboarding e-mail: not answered yet."
    assert lines[-1] == "2 of 5 right so far."


@pytest.mark.parametrize("guess, error, words", [
    ({"adress check": "command"}, LessonError, "Did you mean 'address check'"),
    (["command"], LessonTypeError, "as a dict"),
])
def test_review_onboarding_guess_bad_input(guess, error, words):
    with pytest.raises(error, match=words):
        review_onboarding_guess(guess)


def test_coupling_report_counts_which_side_carries_each_link():
    chain = coupling_report(order_fulfilment_choreography())
    assert chain.endswith("Carried by the receiver (events): 3. Carried by the sender (commands): 0.")
    orchestrated = coupling_report(order_fulfilment_orchestration())
    assert ("Carried by the receiver (events): 1. Carried by the sender (commands): 3."
            in orchestrated)
    assert ("- Order depends on Payment (command RetrievePayment, answered by PaymentReceived: "
            "the sender carries it)") in orchestrated
    assert orchestrated.startswith("Order fulfilment (orchestration): 4 links")


def test_link_mix_names_pure_and_mixed_styles():
    assert "Every link is an event" in link_mix(order_fulfilment_choreography())
    assert "chosen link by link" in link_mix(order_fulfilment_orchestration())
    only_commands = customer_onboarding_orchestration()
    only_commands.remove_message("CustomerCreated")
    only_commands.remove_message("RegistrationRequested")
    assert "Every link is a command" in link_mix(only_commands)


def test_reuse_command_api_changes_only_the_new_caller():
    report = reuse_comparison(["Order", "Subscription", "Donations"], "Ticketing")
    assert report.command_changes == {"Ticketing": "new"}
    assert report.event_changes == {"Ticketing": "new",
                                    "Payment": "now subscribes to TicketBooked"}
    # counted by impact, the course's one rule: every caller calls Payment's one operation
    assert report.command_impact.untouched == ("Order", "Subscription", "Donations", "Payment")
    assert report.event_impact.must_change == ("Ticketing", "Payment")
    assert "Payment is untouched" in report.summary().splitlines()[0]
    assert "Payment changes" in report.summary().splitlines()[1]


@pytest.mark.parametrize("callers, new, error", [
    ("Order", "Ticketing", LessonTypeError),
    (["Order"], "Order", LessonError),
    (["Order"], "Payment", LessonError),
    (["Order"], 3, LessonTypeError),
])
def test_reuse_bad_input(callers, new, error):
    with pytest.raises(error):
        reuse_comparison(callers, new)


def test_tree_picture_highlights_only_the_taken_path():

    ax = draw_tree(decide(case("loyalty enrolment")))
    taken = sorted(p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("taken:"))
    assert taken == ["taken:receiver-owns->event", "taken:sender-cares->receiver-owns"]
    samples = {p.get_gid(): p.get_linestyle() for p in ax.patches
               if str(p.get_gid()).startswith("sample:")}
    assert samples["sample:command"] == "solid" and samples["sample:event"] != "solid"
    plain = draw_tree()
    assert not [p for p in plain.patches if str(p.get_gid()).startswith("taken:")]


def test_tree_description_names_the_taken_path():
    text = describe_tree(decide(case("welcome letter")))
    assert "Taken path (thick lines): Q1 yes -> Command." in text


def test_walker_catalogue_legal_checkbox_and_own_link():
    w = decision_walker(picture=False)
    assert "lessonlib-walker" in w._dom_classes
    w.pick.value = "onboarding e-mail"
    w.decide.click()
    assert "Event CustomerCreated" in w.result.value
    w.legal.value = True
    w.decide.click()
    assert "Command SendOnboardingEmail" in w.result.value
    w.pick.value = "own"
    assert "Q1" in w.question.value and w.result.value == ""
    w.sender.value, w.receiver.value = "Billing", "Billing"  # a mistake: a sentence, no crash
    w.yes.click()
    assert "two different services" in w.result.value
    w.restart.click()
    w.receiver.value = "Archive"
    w.no.click()
    assert "Q2" in w.question.value
    w.no.click()
    assert "No link yet" in w.result.value
    w.yes.click()  # the tree has no more questions: nothing changes
    assert "No link yet" in w.result.value


def test_walker_draws_the_tree_as_an_image_with_alt_text():
    from lessonlib.widgets.walker import CSS

    w = decision_walker()
    w.decide.click()
    img = re.search(r"<img [^>]*>", w.tree.value).group(0)
    assert f'class="{CSS.tree}"' in img and 'src="data:image/png;base64,' in img
    assert re.search(r'alt="Decision tree, asked per link\.[^"]*Taken path', img)


def test_reuse_picture_marks_new_and_changed_services_and_describes_them():
    report = reuse_comparison()
    command_ax, event_ax = draw_reuse(report)
    gids = lambda ax: {p.get_gid(): p for p in ax.patches if p.get_gid()}  # noqa: E731
    assert gids(event_ax)["service:Payment"].get_hatch() == "///"
    assert gids(command_ax)["service:Payment"].get_hatch() is None
    assert {p.get_linestyle() for p in command_ax.patches if p.get_gid() == "command"} == {"solid"}
    assert "Payment is marked CHANGED (now subscribes to TicketBooked)." in describe_reuse(report)
    assert describe_reuse(report).count("marked NEW") == 2


@pytest.mark.parametrize("link", CATALOGUE, ids=lambda c: c.key)
def test_both_ways_same_two_services_opposite_side(link):
    as_command, as_event, _ = both_ways(link).splitlines()
    assert as_command.endswith(f"{link.sender} depends on {link.receiver}.")
    assert as_event.endswith(f"{link.receiver} depends on {link.sender}.")


def test_each_leaf_says_which_style_the_choice_makes():
    from lessonlib.decisions import TREE

    assert TREE["command"].style == "orchestration" and "Orchestration" in TREE["command"].coupling
    assert TREE["event"].style == "choreography" and "Choreography" in TREE["event"].coupling
    assert TREE["no-link"].style is None and "Our addition" in TREE["no-link"].coupling
    assert decide(case("welcome letter")).style == "orchestration"
    assert "(choreography on this link)" in str(decide(case("loyalty enrolment")))
    no_owner = decide_own(["no", "no"], "Shop", "Archive")
    assert no_owner.style is None and "the course's addition" in no_owner.reason
