"""Issue 23's rename pass: every old name is still its new name, until 0.3.

One table, old -> new, mirrored in CHANGELOG.md (a test below keeps them together).
An alias is the very same object; an old attribute reads the same value as the new one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import lessonlib
from lessonlib.scenarios import order_fulfilment_choreography

ROOT = Path(__file__).resolve().parents[1]

#: (module, old name, new name): module-level names kept as aliases until 0.3.
RENAMED = [
    ("lessonlib", "check_version", "warn_on_version_mismatch"),
    ("lessonlib", "check_onboarding_guess", "hand_in_onboarding_guess"),
    ("lessonlib", "check_criminal_check", "hand_in_criminal_check"),
    ("lessonlib.course.lessons", "check_version", "warn_on_version_mismatch"),
    ("lessonlib.course.exercise", "check_onboarding_guess", "hand_in_onboarding_guess"),
    ("lessonlib.course.exercise", "check_criminal_check", "hand_in_criminal_check"),
    ("lessonlib.course.exercise", "CheckResult", "DraftReview"),
    ("lessonlib.classify", "check", "grade_classification"),
    ("lessonlib.model_parts", "KINDS", "MESSAGE_KINDS"),
    ("lessonlib.architecture", "KINDS", "MESSAGE_KINDS"),
    ("lessonlib.trace", "KINDS", "RECORD_KINDS"),
    ("lessonlib.trace", "OUTCOMES", "FATES"),
    ("lessonlib.course.quiz", "KINDS", "QUESTION_KINDS"),
    ("lessonlib.course.quiz.format", "KINDS", "QUESTION_KINDS"),
    ("lessonlib.course.activities", "KINDS", "ACTIVITY_KINDS"),
    ("lessonlib.transport", "Delivery", "Receipt"),
    ("lessonlib.transport", "Check", "Evidence"),
    ("lessonlib.transport.payload", "Delivery", "Receipt"),
    ("lessonlib.transport.two_envelopes", "Check", "Evidence"),
    ("lessonlib.decisions", "Question", "TreeQuestion"),
    ("lessonlib.decisions", "Outcome", "TreeLeaf"),
    ("lessonlib.course.prediction", "transport_outcome", "transport_answers"),
]


def _instances():
    """(what, an instance) for the values whose attributes were renamed."""
    from lessonlib.bus import Bus
    from lessonlib.decisions import case, decide
    from lessonlib.transport import same_message_two_envelopes

    bus = Bus()
    bus.add_services("Order", "Payment")
    bus.handle("RetrievePayment", "Payment")
    reply = bus.send("RetrievePayment", sender="Order", correlation="o1")
    trace = bus.run()
    model = order_fulfilment_choreography()
    model.subscribe("Inventory", "OrderPlaced", only="VIP orders")
    return {"record": trace[0], "reply": reply.value, "decision": decide(case("payment")),
            "link": next(link for link in model.links() if link.condition),
            "message": model.message("OrderPlaced"),
            "report": same_message_two_envelopes()}


#: (instance, old attribute, new attribute): the old one reads the new one's value.
RENAMED_ATTRIBUTES = [
    ("record", "outcome", "fate"),
    ("reply", "outcome", "fate"),
    ("decision", "outcome", "leaf"),
    ("link", "only", "condition"),
    ("message", "only", "conditions"),
    ("report", "deliveries", "receipts"),
]


@pytest.mark.parametrize(("module", "old", "new"), RENAMED,
                         ids=[f"{m}.{old}" for m, old, _ in RENAMED])
def test_an_old_name_is_its_new_name(module, old, new):
    found = importlib.import_module(module)
    assert getattr(found, old) is getattr(found, new)


@pytest.fixture(scope="module")
def instances():
    return _instances()


@pytest.mark.parametrize(("what", "old", "new"), RENAMED_ATTRIBUTES,
                         ids=[f"{w}.{old}" for w, old, _ in RENAMED_ATTRIBUTES])
def test_an_old_attribute_reads_the_new_one(instances, what, old, new):
    value = instances[what]
    assert getattr(value, old) == getattr(value, new)


def test_the_old_evidence_method_and_role_form_still_answer(instances):
    report = instances["report"]
    assert report.checks() == report.evidence()
    role = order_fulfilment_choreography()
    role.narrow("Payment", "OrderPlaced", only="non-VIP orders")
    assert role.roles()["Payment"].only == {"OrderPlaced only for non-VIP orders"}


def test_the_front_door_lists_its_old_names_apart():
    old = {o for m, o, _ in RENAMED if m == "lessonlib"}
    assert old <= set(lessonlib.__all__)
    assert all(new in lessonlib.__all__ for m, _, new in RENAMED if m == "lessonlib")


def test_the_changelog_has_the_rename_table():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for _, old, new in RENAMED:
        assert f"`{old}` | `{new}`" in changelog, (old, new)
    for _, old, new in RENAMED_ATTRIBUTES:
        assert f"`.{old}` | `.{new}`" in changelog, (old, new)
