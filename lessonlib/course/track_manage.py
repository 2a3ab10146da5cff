"""Lesson 05's three predictions: what each asks, the belief behind each wrong answer, what the
reveal explains, and the answer each run gives.

Pure course logic. :mod:`lessonlib.course.activities` declares the activities from the data
here (one entry each, the keys said there); the widgets in :mod:`lessonlib.widgets.journey`
and :mod:`lessonlib.widgets.outage` show them. Each answer is computed from a model or a run
(:mod:`lessonlib.journey`, :mod:`lessonlib.placement`, :mod:`lessonlib.labs`), never typed.

* *Can an event chain notice a stuck order?* (before the tracker; DOMAIN.md: "an event chain
  cannot notice a stuck order" is false; "nobody owns fixing it" is the point);
* *Does orchestration need a workflow engine?* (before the Order service is managed);
* *What does an outage stop?* (before the placements' outage lab: one standard for the
  broker and the engine).
"""

from __future__ import annotations

__all__ = ["STUCK_LABEL", "STUCK_CHOICES", "STUCK_BELIEFS", "STUCK_AFTER", "ENGINE_LABEL",
           "ENGINE_CHOICES", "ENGINE_BELIEFS", "ENGINE_AFTER", "ENGINE_PROMPT", "OUTAGE_LABELS",
           "outage_prompt", "outage_beliefs", "OUTAGE_AFTER", "stuck_order_prompt", "tracking_day", "tracking_reveal",
           "engine_reveal", "outage_reveal"]

# --------------------------------------------------------------------------- a stuck order

#: What the first prediction asks about (its one label).
STUCK_LABEL = "an order lost in the chain"
_BLIND = "No: nobody in an event chain knows the whole process"
_TRACK = "Yes: a workflow that only listens to its events can"
_COMMANDS = "Only if a service sends commands to the others"
_ANNOUNCE = "Only if Inventory announces its failures"
#: The answers offered; the run says which is right.
STUCK_CHOICES = (_BLIND, _TRACK, _COMMANDS, _ANNOUNCE)
#: The belief behind each wrong answer, shown after the reveal.
STUCK_BELIEFS = {
    _BLIND: "That is the belief that an event chain is blind by nature. It has no owner, but "
            "its events are there for anyone to subscribe to: a tracker that listens to all "
            "four, correlated by the order id, knows which order stopped where.",
    _COMMANDS: "That is the belief that seeing needs control. Noticing needs only the events "
               "and a time frame; it is fixing the order that needs someone to send a command.",
    _ANNOUNCE: "That is the belief that only an announced failure can be noticed. Inventory "
               "stays silent, and the tracker still notices: the next event does not come "
               "within its time frame.",
}
STUCK_AFTER = (
    "**An event chain can notice a stuck order.** The tracker subscribed to the four events "
    "the chain already publishes, correlated them by the order's id, flagged each order that "
    "missed a step's time frame and listed the stuck ones with the step they wait for; no "
    "other service changed.\n\n"
    "**What it cannot do is fix them.** To refund, retry or cancel, something must send a "
    "command, and a tracker sends none. So lesson 03's point is not that nobody can *see* a "
    "stuck order: it is that **nobody owns fixing it**.")


def stuck_order_prompt() -> str:
    """The first prediction's question, with the lab day's silent failures read from its
    settings."""
    from lessonlib.labs import LAB_DAY

    rate = LAB_DAY["Inventory"]["failure_rate"]
    return (f"On the lab's day below, Inventory fails on {rate:.0%} of its messages and tells "
            f"nobody: those orders stop in the middle of the chain. Without changing Checkout, "
            f"Payment, Inventory or Shipping, can anything notice which orders are stuck, and "
            f"where? Choose, then save; the run below tells you.")


def tracking_day():
    """The lab's day of the event chain, watched by the tracker, run (a Simulation)."""
    from lessonlib.labs import run_day

    return run_day("choreography", tracking=True)


def tracking_reveal(sim=None) -> tuple[dict[str, str], str]:
    """What the tracker on the lab's day (``sim``, else :func:`tracking_day`) saw: (the
    answer, the day and the tracker's report).

    The answer is the tracking choice when the tracker lists every stuck order and adding
    it changed no other service; else the blind one.
    """
    from lessonlib.journey import tracking_price
    from lessonlib.labs import lab_day_text, tracking_report
    from lessonlib.simulate import STUCK

    sim = tracking_day() if sim is None else sim
    price = tracking_price()
    unseen = sim.counts()[STUCK]
    answer = _TRACK if not unseen and not price.changed else _BLIND
    details = "\n".join([lab_day_text(), tracking_report(sim),
                         f"What adding the tracker changed: {price.summary()}"])
    return {STUCK_LABEL: answer}, details


# --------------------------------------------------------------------------- no engine needed

#: What the second prediction asks about (its one label).
ENGINE_LABEL = "the Order service, without an engine"
_ENGINE = "No: orchestrating means running a workflow engine"
_PLAIN = "Yes: sending the commands from its own code orchestrates"
_CENTRAL = "Only through a central orchestrator every service calls"
_SYNC = "Only if it calls Payment, Inventory and Shipping synchronously"
ENGINE_CHOICES = (_ENGINE, _PLAIN, _CENTRAL, _SYNC)
ENGINE_PROMPT = (
    "The Order service must make sure that payment, goods and shipping happen. Can it "
    "orchestrate them without a workflow engine? Choose, then save; the cell below runs it "
    "written as a few handlers of plain code, and the engine, on the same orders.")
ENGINE_BELIEFS = {
    _ENGINE: "That is the belief that orchestration is a product you install. A component "
             "that sends commands orchestrates (lesson 01); an engine adds state, timers and "
             "retries, which you could also write yourself.",
    _CENTRAL: "That is the belief that orchestration must be central. The Order service, "
              "which owns the process, sent the commands itself; no central service was "
              "added.",
    _SYNC: "That is the belief that commands are synchronous. The plain code sent each "
           "command on the bus and went on; the result came back later as an event.",
}
ENGINE_AFTER = (
    "**Orchestration is a way of communicating, not a product.** The Order service written "
    "as a few handlers of plain code sent the same commands, in the same order, as the "
    "engine, and its orders completed.\n\n"
    "**What an engine adds is what that plain code lacks:** a time frame on a step, a list of "
    "the orders still open, compensations run in the right order, retries. You can write "
    "those yourself, or take an engine (a BPMN engine such as Camunda 8, a code-first one "
    "such as Temporal): one option, not the definition.")


def engine_reveal(seed: int = 1, orders: int = 3) -> tuple[dict[str, str], str]:
    """The plain-code owner and the engine on the same orders: (the answer, what each sent)."""
    from lessonlib.journey import same_conversation
    from lessonlib.prose import and_list

    found = same_conversation(seed, orders)
    done = found["completed"]
    answer = _PLAIN if found["same"] and done["plain code"] == orders else _ENGINE
    first = found["said"]["plain code"][0]
    lines = [f"On {orders} orders: the plain code completed {done['plain code']}, the engine "
             f"{done['engine']}.",
             "What the Order service sent and heard for the first order "
             f"({'the same with the engine' if found['same'] else 'the engine differs'}):"]
    lines += [f"  {kind} {message}: {sender} -> {receiver or '(no subscriber)'}"
              for kind, message, sender, receiver in first]
    lines.append(f"The commands: {and_list(found['commands'])}.")
    return {ENGINE_LABEL: answer}, "\n".join(lines)


# --------------------------------------------------------------------------- what an outage stops

#: What the third prediction asks about: registrations completed during each outage.
OUTAGE_LABELS = ("the Order service down, with local engines", "the central engine down",
                 "the broker down")
OUTAGE_AFTER = (
    "**Judge both by one standard.** A broker and a central engine are both infrastructure "
    "that every process on them needs: while either is down, nothing that runs on it moves. "
    "Both are run highly available in production (replicated, clustered), so count an "
    "outage of either, or of neither, but never of one alone.\n\n"
    "**What local engines change is the owner's outage:** the Order service down stops the "
    "process it owns, and nothing else.\n\n"
    "**And what separates a god service from a central engine is not availability but "
    "ownership.** With a god service one team changes for every process change (the counts "
    "above); with a central engine each team changes and deploys its own model, which is why "
    "Ruecker's cheat sheet accepts it \"for the right reasons\": \"a much more important "
    "question than where the engine runs is about ownership\".")


def outage_prompt(placed: int) -> str:
    """The third prediction's question (``placed`` registrations)."""
    return (f"{placed} customers register while one thing is down for the whole day. How "
            f"many registrations complete when (a) the Order service is down, each process in "
            f"the engine of the service that owns it; (b) the central engine that runs both "
            f"teams' process models is down; (c) the message broker is down? Type a number for "
            f"each, then save.")


def outage_beliefs(placed: int) -> dict[str, dict[str, str]]:
    """The belief behind each wrong count (``placed`` registrations were placed), keyed as a
    prediction's ``feedback=`` is: a count as digits."""
    local, central, broker = OUTAGE_LABELS
    return {
        local: {"0": "That is the belief that orchestration ties every process together. With "
                   "local engines the Order service runs only order fulfilment; onboarding "
                   "runs in the Onboarding service's engine and goes on."},
        central: {str(placed): "That is the belief that a model owned by its team is safe from "
                          "the engine's outage. The central engine runs the onboarding's "
                          "model too: while it is down, no registration moves on."},
        broker: {str(placed): "That is the belief that choreography, or a broker, has no single "
                         "point of failure. Every message of both processes goes through "
                         "the broker: while it is down, nothing is delivered, in any style."},
    }


def outage_reveal(seed: int = 1, lab: dict | None = None) -> tuple[dict[str, int], str]:
    """The placements' outage lab (``lab``, else run now): (registrations completed per label,
    what the counts show)."""
    from lessonlib.placement import BROKER, CENTRAL, LOCAL, RUNNER, one_standard, outage_lab

    lab = outage_lab(seed=seed) if lab is None else lab
    counts = dict(zip(OUTAGE_LABELS, (lab[LOCAL][RUNNER]["registrations"],
                                      lab[CENTRAL][RUNNER]["registrations"],
                                      lab[LOCAL][BROKER]["registrations"]), strict=True))
    return counts, one_standard(lab)
