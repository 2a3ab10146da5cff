"""The commands-in-disguise detector: names, structure, trace, re-modelling, the widget."""

from __future__ import annotations

import re

import pytest

from lessonlib import Architecture, LessonError, LessonTypeError
from lessonlib.disguise import (
    AMBIGUOUS,
    DISGUISED,
    HONEST,
    HONEST_COMMAND,
    POINTS,
    dependency_flip,
    detect,
    dress,
    inspect_name,
    inspect_names,
    propose_command,
    runtime_evidence,
    unmask,
)
from lessonlib.names import words_of
from lessonlib.pictures.flip import show_flip
from lessonlib.scenarios import (
    COSTUMES,
    costume_catalogue,
    customer_onboarding_choreography,
    customer_onboarding_orchestration,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
    seed_choreography,
    seed_orchestration,
    shop_and_onboarding,
)
from lessonlib.simulate import costume_trace
from lessonlib.widgets.costume import costume_lab

# (name, proposed command or None): names dressed as facts or states that order one receiver
DISGUISED_NAMES = [
    ("CustomerNeedsToBeSentANotificationEvent", "SendNotification"),
    ("Customer Needs To Be Sent A Notification", "Send Notification"),
    ("address check required", "Check Address"),
    ("GoodsShouldBeShipped", "ShipGoods"),
    ("InvoiceNeedsToBePaid", "PayInvoice"),
    ("PleaseShipGoods", "ShipGoods"),
    ("CustomerMustBeNotified", "NotifyCustomer"),
    ("ApprovalNeeded", None),  # approve what? the name does not say
    ("CheckCreditEvent", "CheckCredit"),  # an imperative that calls itself an event
    ("PaymentRequired", "RetrievePayment"),
    ("WarehouseHasToShipGoods", "ShipGoods"),
    ("EmailToBeSent", "SendEmail"),
]
# Names that say what to do: honest commands, by name alone.
COMMAND_NAMES = ["SendWelcomeLetter", "PlaceOrderCommand", "ResetPassword", "RetrievePayment",
                 "FetchGoods", "ShipGoods", "CheckAddress"]
HONEST_NAMES = [
    # flowing-retail's event names pass
    "OrderPlaced", "PaymentReceived", "GoodsFetched", "GoodsShipped", "OrderCompleted",
    # and the onboarding's
    "CustomerCreated", "AddressChecked", "CreditChecked", "WelcomeLetterSent",
    "PaymentFailed", "PasswordReset", "order placed", "ProcessStarted",
]
AMBIGUOUS_NAMES = [
    ("RegistrationRequested", "RegisterCustomer"),
    ("PaymentRequested", "RetrievePayment"),
    ("ShipmentRequest", "ShipGoods"),
    ("CreditCheckRequested", "CheckCredit"),
    ("ReturnRequested", None),
    ("CustomerData", None),
    ("OrderStatus", None),
]


def test_the_catalogue_of_names_is_large_enough():
    assert len(DISGUISED_NAMES) + len(HONEST_NAMES) + len(AMBIGUOUS_NAMES) >= 20


@pytest.mark.parametrize(("name", "proposal"), DISGUISED_NAMES)
def test_disguised_names_are_flagged_with_a_proposal(name, proposal):
    finding = inspect_name(name)
    assert finding.verdict == DISGUISED
    assert finding.proposal == proposal
    assert any(e.leans == "command" and e.strength == "strong" and e.source == "name"
               for e in finding.evidence)
    assert ("proposed command: " + proposal if proposal else "no command name proposed") \
        in str(finding)


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_an_imperative_name_is_an_honest_command_not_a_disguise(name):
    finding = inspect_name(name)
    assert finding.verdict == HONEST_COMMAND
    assert "proposed command" not in str(finding)  # it is not renamed to itself
    assert "only if it travels as an event" in str(finding)


@pytest.mark.parametrize("name", HONEST_NAMES)
def test_honest_event_names_pass(name):
    finding = inspect_name(name)
    assert finding.verdict == HONEST
    assert finding.points < 0
    assert any("past tense" in r for r in finding.reasons)
    assert "proposed command" not in str(finding)


@pytest.mark.parametrize(("name", "proposal"), AMBIGUOUS_NAMES)
def test_ambiguous_names_are_neither_flagged_nor_cleared(name, proposal):
    finding = inspect_name(name)
    assert finding.verdict == AMBIGUOUS
    assert finding.proposal == proposal


def test_the_two_examples_of_the_course():
    assert propose_command("Customer Needs To Be Sent A Notification") == "Send Notification"
    assert propose_command("address check required") == "Check Address"


def test_a_finding_gives_reasons_for_and_against_and_a_verdict_in_words_never_a_number():
    for name in ["OrderPlaced", "SendWelcomeLetter", "CustomerData", "AddressCheckRequired"]:
        text = str(inspect_name(name))
        assert "name" in text and re.search(r"\d", text) is None, text
    report = detect(costume_catalogue(), costume_trace(3))
    for finding in report.findings:
        verdict_line = str(finding).splitlines()[0]
        assert re.search(r"\d", verdict_line) is None
        assert all(e.sign in "+-~" for e in finding.evidence)
    assert re.search(r"\d\.\d", str(report)) is None  # no decimals anywhere
    assert re.search(r"\d", report.table()) is None


def test_the_points_are_shown_only_on_request_and_say_they_are_a_choice():
    finding = detect(costume_catalogue()).finding("AddressCheckRequired")
    weighed = finding.weighed()
    assert f"+{POINTS['strong']} name" in weighed and "the course's choice" in weighed
    assert f"total {finding.points:+d}" in weighed
    assert "+4" not in str(finding)


def test_words_of_splits_camel_case_and_acronyms():
    assert words_of("SendANotification") == ["send", "a", "notification"]
    assert words_of("PDFReportRequested") == ["pdf", "report", "requested"]
    assert words_of("order_placed-v2") == ["order", "placed", "v", "2"]


# --------------------------------------------------------------------------- structure

FLAGGED = ["PaymentRequired", "AddressCheckRequired", "CreditCheckRequested",
           "CustomerNeedsToBeSentAWelcomeLetterEvent"]


def test_the_catalogue_is_the_shop_and_the_onboarding_with_four_commands_in_costume():
    catalogue, models = costume_catalogue(), shop_and_onboarding()
    assert set(catalogue.services) == set(models.services)
    assert set(customer_onboarding_orchestration().services) <= set(catalogue.services)
    assert "Customer" not in catalogue.services  # one owner name: Onboarding
    assert catalogue.owner_of("Customer onboarding") == "Onboarding"
    assert set(COSTUMES.values()) <= set(catalogue.events())
    assert set(catalogue.commands()) == set(models.commands()) - set(COSTUMES)


@pytest.mark.parametrize(("command", "costume"), list(COSTUMES.items()))
def test_taking_a_costume_off_gives_back_the_models_own_command(command, costume):
    catalogue = costume_catalogue()
    assert propose_command(costume) == command
    after = unmask(catalogue, costume)
    assert after.message(command) == shop_and_onboarding().message(command)


def test_taking_every_costume_off_gives_back_the_models():
    arch = costume_catalogue()
    for costume in COSTUMES.values():
        arch = unmask(arch, costume)
    assert arch == shop_and_onboarding()
    assert [m.name for m in arch.messages] == [m.name for m in shop_and_onboarding().messages]


def test_catalogue_flags_the_costumes_and_clears_the_false_alarm():
    report = detect(costume_catalogue())
    assert [f.name for f in report.flagged] == FLAGGED
    assert [f.name for f in report.ambiguous] == ["RegistrationRequested"]
    false_alarm = report.finding("OrderPlaced")
    assert false_alarm.subscribers == ("Order",)
    assert false_alarm.verdict == HONEST
    assert any("one subscriber" in r and "not proof" in r for r in false_alarm.reasons)
    assert report.summary().startswith(
        "A shop and its onboarding, some commands in costume: 13 events examined; 4 likely "
        "commands in disguise, 1 ambiguous and 8 honest events.")


def test_reply_and_process_break_are_reasons():
    finding = detect(costume_catalogue()).finding("AddressCheckRequired")
    text = "\n".join(finding.reasons)
    assert "answers with AddressChecked" in text
    assert "loses the step AddressChecked" in text
    assert finding.proposal == "CheckAddress"


def test_a_reply_is_not_mistaken_for_the_request_it_answers():
    finding = detect(costume_catalogue()).finding("PaymentReceived")
    assert not any("answers with" in r for r in finding.reasons)


def test_structure_alone_can_raise_doubt_about_an_honest_looking_name():
    arch = Architecture("Onboarding", services=["Customer", "Credit check"])
    arch.add_event("CustomerRegistered", emitter="Customer", subscribers=["Credit check"])
    arch.add_event("CreditChecked", emitter="Credit check", subscribers=["Customer"])
    arch.add_process("Onboarding", owner="Customer",
                     steps=["CustomerRegistered", "CreditChecked"])
    finding = detect(arch).finding("CustomerRegistered")
    assert finding.verdict == AMBIGUOUS
    assert finding.proposal == "RegisterCustomer"


def test_an_imperative_name_travelling_as_an_event_is_a_disguise_and_keeps_its_name():
    arch = Architecture("Letters", services=["Onboarding", "Letter"])
    arch.add_event("SendWelcomeLetter", emitter="Onboarding", subscribers=["Letter"])
    finding = detect(arch).finding("SendWelcomeLetter")
    assert finding.verdict == DISGUISED
    assert "model it as the command SendWelcomeLetter (no new name needed)" in str(finding)
    assert "proposed command" not in str(finding)
    assert unmask(arch, "SendWelcomeLetter").kind_of("SendWelcomeLetter") == "command"


def test_a_legal_obligation_in_the_description_counts():
    arch = Architecture("Letters", services=["Onboarding", "Letter"])
    arch.add_event("WelcomeLetterDue", emitter="Onboarding", subscribers=["Letter"],
                   description="legally required")
    finding = detect(arch).finding("WelcomeLetterDue")
    assert any("legally required" in r for r in finding.reasons)
    assert finding.verdict == DISGUISED and inspect_name("WelcomeLetterDue").verdict == AMBIGUOUS


@pytest.mark.parametrize("make", [
    seed_choreography, seed_orchestration, order_fulfilment_choreography,
    order_fulfilment_orchestration, customer_onboarding_choreography,
    customer_onboarding_orchestration, shop_and_onboarding,
])
def test_the_course_scenarios_have_no_command_in_disguise(make):
    report = detect(make())
    assert report.flagged == ()
    # RegistrationRequested, the website's news with one subscriber, stays a question
    assert [f.name for f in report.ambiguous] in ([], ["RegistrationRequested"])


def test_commands_are_not_examined():
    report = detect(order_fulfilment_orchestration())
    assert "RetrievePayment" not in [f.name for f in report.findings]
    assert len(report.findings) == 5


def test_table_has_one_line_per_event():
    report = detect(costume_catalogue())
    assert len(report.table().splitlines()) == len(costume_catalogue().events())
    assert "PaymentRequired" in report.table() and "-> RetrievePayment" in report.table()


# --------------------------------------------------------------------------- trace


def _record(seq, message, sender, receiver, correlation, fate="handled", cause=None):
    """A dict with the fields of lessonlib.trace.Record."""
    return {"seq": seq, "kind": "event", "message": message, "sender": sender,
            "receiver": receiver, "correlation": correlation, "fate": fate,
            "cause": cause}


def test_trace_records_as_dicts_add_runtime_evidence():
    trace = [
        _record(0, "AddressCheckRequired", "Onboarding", "Address check", "c1"),
        _record(1, "AddressCheckRequired", "Onboarding", "Address check", "c2", "failed"),
        _record(2, "AddressChecked", "Address check", "Onboarding", "c1", cause=0),
        _record(3, "CustomerCreated", "Onboarding", "Loyalty", "c1", cause=2),
        _record(4, "CustomerCreated", "Onboarding", "Notification", "c1", cause=2),
    ]
    report = detect(costume_catalogue(), trace)
    runtime = [e for e in report.finding("AddressCheckRequired").evidence
               if e.source == "runtime"]
    assert [e.leans for e in runtime] == [None, "command", "command"]
    assert "1 of 2 correlation ids" in runtime[1].text
    assert "'c2'" in runtime[2].text and "sent nothing more" in runtime[2].text
    many = [e for e in report.finding("CustomerCreated").evidence if e.source == "runtime"]
    assert many and many[0].leans == "event"


def test_the_bus_trace_keeps_the_false_alarm_an_event_and_finds_the_stall():
    clean = detect(costume_catalogue(), costume_trace(4, seed=1))
    assert clean.finding("OrderPlaced").verdict == HONEST
    assert [f.name for f in clean.ambiguous] == ["RegistrationRequested"]
    address = clean.finding("AddressCheckRequired")
    assert any("answered Onboarding (AddressChecked) for 4 of 4" in r for r in address.reasons)
    assert not any("sent nothing more" in r for r in address.reasons)
    failing = detect(costume_catalogue(), costume_trace(20, seed=1, failure_rate=0.5))
    reasons = failing.finding("AddressCheckRequired").reasons
    assert any("sent nothing more" in r for r in reasons)


def test_costume_trace_is_reproducible_and_checks_its_input():
    assert costume_trace(3, seed=2, failure_rate=0.3) == costume_trace(3, seed=2, failure_rate=0.3)
    with pytest.raises(LessonTypeError, match="whole number"):
        costume_trace("3")
    with pytest.raises(LessonError, match="Did you mean 'Address check'"):
        costume_trace(3, failing="Adress check")


def test_trace_objects_with_attributes_work_too():
    class Record:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    trace = [Record(seq=0, kind="event", message="X", sender="A", receiver=None,
                    correlation="1", fate="no subscriber")]
    (evidence,) = runtime_evidence(trace)["X"]
    assert "reached anyone" in evidence.text


def test_a_trace_of_the_previous_release_is_still_read():
    # 0.1 called a record's fate its "outcome"; saved traces keep that name until 0.3.
    old = [{("outcome" if k == "fate" else k): v for k, v in r.items()} for r in (
        _record(0, "AddressCheckRequired", "Onboarding", "Address check", "c2", "failed"),)]
    new = [_record(0, "AddressCheckRequired", "Onboarding", "Address check", "c2", "failed")]
    assert runtime_evidence(old) == runtime_evidence(new)


@pytest.mark.parametrize(("trace", "error", "needle"), [
    ("not a trace", LessonTypeError, "list of deliveries"),
    (42, LessonTypeError, "42"),
    ({"seq": 0}, LessonTypeError, "list of deliveries"),
    ([{"kind": "event", "message": "X"}], LessonError, "'seq'"),
    ([{**_record(0, "X", "A", "B", "c"), "correlation": None}], LessonError, "'correlation'"),
])
def test_bad_trace_gets_a_sentence(trace, error, needle):
    with pytest.raises(error, match=needle):
        detect(costume_catalogue(), trace)


# --------------------------------------------------------------------------- re-model


def test_unmask_flips_the_dependency():
    before = costume_catalogue()
    after = unmask(before, "CustomerNeedsToBeSentAWelcomeLetterEvent")
    assert after.kind_of("SendWelcomeLetter") == "command"
    assert "CustomerNeedsToBeSentAWelcomeLetterEvent" in before.events()  # untouched
    assert "Onboarding" in before.depends_on("Letter")
    assert "Letter" not in before.depends_on("Onboarding")
    assert "Letter" in after.depends_on("Onboarding")
    assert "Onboarding" not in after.depends_on("Letter")
    text = dependency_flip(before, after, "CustomerNeedsToBeSentAWelcomeLetterEvent", "SendWelcomeLetter")
    assert text.splitlines() == [
        "Before: Letter depends on Onboarding (event CustomerNeedsToBeSentAWelcomeLetterEvent).",
        "After:  Onboarding depends on Letter (command SendWelcomeLetter).",
        "The costume showed only Letter depending on Onboarding; as a command, the model shows "
        "the dependency Onboarding had all along: Onboarding on Letter.",
    ]


def test_a_costume_with_an_answer_makes_a_two_way_dependency_the_command_removes():
    before = costume_catalogue()
    after = unmask(before, "AddressCheckRequired", "CheckAddress")
    pair = {"Onboarding", "Address check"}
    old = [c for c in before.couplings() if {c.dependent, c.depends_on} == pair]
    new = [c for c in after.couplings() if {c.dependent, c.depends_on} == pair]
    assert {(c.dependent, c.depends_on) for c in old} == {("Address check", "Onboarding"),
                                                           ("Onboarding", "Address check")}
    assert [(c.dependent, c.depends_on, c.replies) for c in new] == [
        ("Onboarding", "Address check", ("AddressChecked",))]
    text = dependency_flip(before, after, "AddressCheckRequired", "CheckAddress")
    assert "Onboarding depends on Address check (event AddressChecked)" in text.splitlines()[0]
    assert text.splitlines()[2].startswith("The costume made the two depend on each other")


def test_dress_is_the_inverse_of_unmask_and_checks_its_input():
    onboarding = customer_onboarding_orchestration()
    dressed = dress(onboarding, "CheckCredit", "CreditCheckRequested")
    assert dressed.kind_of("CreditCheckRequested") == "event"
    assert dressed.process("Customer onboarding").steps == tuple(
        "CreditCheckRequested" if s == "CheckCredit" else s
        for s in onboarding.process("Customer onboarding").steps)
    assert unmask(dressed, "CreditCheckRequested") == onboarding
    with pytest.raises(LessonError, match="already an event"):
        dress(onboarding, "CustomerCreated", "CustomerCreatedEvent")
    with pytest.raises(LessonError, match="already a message"):
        dress(onboarding, "CheckCredit", "CreditChecked")


def test_unmask_keeps_the_process_order():
    after = unmask(costume_catalogue(), "AddressCheckRequired", "CheckAddress")
    assert after.process("Customer onboarding").steps[:4] == (
        "RegistrationRequested", "CheckAddress", "CreditCheckRequested", "AddressChecked")


@pytest.mark.parametrize(("event", "command", "error", "needle"), [
    ("CustomerCreated", None, LessonError, "2 subscribers"),
    ("GoodsShipped", "ShipGoods", LessonError, "already a message"),
    ("AdressCheckRequired", None, LessonError, "Did you mean 'AddressCheckRequired'"),
    ("AddressCheckRequired", "   ", LessonError, "must not be empty"),
    ("AddressCheckRequired", 7, LessonTypeError, "must be a string"),
    ("AddressCheckRequired", "OrderPlaced", LessonError, "already a message"),
])
def test_unmask_bad_input(event, command, error, needle):
    with pytest.raises(error, match=needle):
        unmask(costume_catalogue(), event, command)


def test_unmask_a_command_or_a_lonely_event():
    with pytest.raises(LessonError, match="already a command"):
        unmask(order_fulfilment_orchestration(), "RetrievePayment")
    with pytest.raises(LessonError, match="0 subscribers"):
        unmask(order_fulfilment_choreography(), "GoodsShipped", "ShipGoods")
    arch = Architecture("x", services=["A", "B"])
    arch.add_event("Heartbeat", emitter="A", subscribers=["B"])
    with pytest.raises(LessonError, match="No command name can be read"):
        unmask(arch, "Heartbeat")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("call", "error", "needle"), [
    (lambda: inspect_name(None), LessonTypeError, "None"),
    (lambda: inspect_name(""), LessonError, "must not be empty"),
    (lambda: inspect_name("   "), LessonError, "must not be empty"),
    (lambda: inspect_name("!!!"), LessonError, "at least one word"),
    (lambda: inspect_name(["OrderPlaced"]), LessonTypeError, "must be a string"),
    (lambda: inspect_names("OrderPlaced"), LessonTypeError, "single string"),
    (lambda: inspect_names(5), LessonTypeError, "list of names"),
    (lambda: inspect_names(["OrderPlaced", 3]), LessonTypeError, "3"),
    (lambda: propose_command(3.5), LessonTypeError, "3.5"),
    (lambda: detect("costume_catalogue"), LessonTypeError, "must be an Architecture"),
    (lambda: detect(costume_catalogue()).finding("OrderPlacd"), LessonError,
     "Did you mean 'OrderPlaced'"),
])
def test_bad_input_gets_a_sentence(call, error, needle):
    with pytest.raises(error, match=needle):
        call()


# --------------------------------------------------------------------------- widget


def _parts(lab):
    return lab.event, lab.name, lab.apply, lab.feedback, lab.picture, lab.description


def test_costume_lab_offers_the_suspects_and_proposes_names():
    event, name, *_ = _parts(costume_lab())
    assert list(event.options) == ["PaymentRequired", "RegistrationRequested",
                                   "AddressCheckRequired", "CreditCheckRequested",
                                   "CustomerNeedsToBeSentAWelcomeLetterEvent"]
    event.value = "CustomerNeedsToBeSentAWelcomeLetterEvent"
    assert name.value == "SendWelcomeLetter"


def test_costume_lab_shows_the_flip_and_a_picture():
    event, name, button, feedback, picture, text = _parts(costume_lab())
    event.value = "AddressCheckRequired"
    button.click()
    assert ("After:  Onboarding depends on Address check (command CheckAddress, answered by "
            "AddressChecked)") in feedback.value
    assert "made the two depend on each other" in feedback.value
    assert picture.value.startswith('<img class="lessonlib-costume-picture" '
                                    'src="data:image/png;base64,')
    assert 'alt="Two pictures; arrows point from a service' in picture.value
    assert "solid arrow" in text.value


@pytest.mark.parametrize(("typed", "needle"), [
    ("", "must not be empty"),
    ("PaymentReceived", "already a message"),
])
def test_costume_lab_answers_bad_names_with_a_sentence(typed, needle):
    event, name, button, feedback, picture, _ = _parts(costume_lab())
    name.value = typed
    button.click()
    assert needle in feedback.value
    assert picture.value == ""


def test_costume_lab_notes_a_name_that_is_not_a_verb():
    event, name, button, feedback, *_ = _parts(costume_lab())
    event.value = "AddressCheckRequired"
    name.value = "AddressCheck"
    button.click()
    assert "does not start with a verb" in feedback.value
    assert "command AddressCheck" in feedback.value


def test_show_flip_displays_the_picture_with_the_flip_as_text(monkeypatch):
    shown = []
    monkeypatch.setattr("lessonlib.pictures.flip.display_figure",
                        lambda fig, text: shown.append((fig, text)))
    show_flip(costume_catalogue(), "PaymentRequired")
    ((fig, text),) = shown
    assert ("After:  Order depends on Payment (command RetrievePayment, answered by "
            "PaymentReceived).") in text
    assert len(fig.axes) == 2
