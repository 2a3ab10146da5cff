"""lessonlib: the helpers behind the course *Orchestration vs choreography*.

Everything a lesson calls is importable from here, grouped below by the lesson
that introduces it::

    from lessonlib import Architecture, show

The package has layers: a pure domain at the top (the model, decisions,
impact, the bus...), ``course/`` (lessons, progress, quizzes, exercises),
``pictures/`` (matplotlib), ``cards/`` (HTML) and ``widgets/`` (ipywidgets).
Matplotlib is imported only when a first picture is drawn.
"""

from lessonlib.version import __version__

# errors (every lesson)
from lessonlib.errors import LessonError, LessonTypeError, LessonWarning

# the model and its pictures (00_start_here)
from lessonlib import scenarios
from lessonlib.architecture import COMMAND, EVENT, Architecture
from lessonlib.overview import message_table
from lessonlib.pictures.architecture import describe, draw, show
from lessonlib.scenarios import scenario

# the course as a whole: lessons, version stamp, reset, quizzes, progress (00_start_here)
from lessonlib.course.lessons import LESSONS, reset_lesson, warn_on_version_mismatch
from lessonlib.course.progress import recall, record, reset_progress
from lessonlib.course.roadmap import progress_text
from lessonlib.course.quiz import Question, grade, load_quiz
from lessonlib.widgets.concept_check import concept_check
from lessonlib.widgets.progress import progress
from lessonlib.widgets.quiz import quiz
from lessonlib.widgets.status import run_status

# commands and events, semantics vs transport (01_commands_and_events)
from lessonlib.transport import same_message_two_envelopes
from lessonlib.widgets.classify import classification_exercise
from lessonlib.widgets.prediction import predict_transport, reveal_transport

# who depends on whom and the decision tree (02_who_depends_on_whom)
from lessonlib.coupling import (both_ways, coupling_report, decisions_in_model, link_mix,
                                reuse_comparison)
from lessonlib.course.exercise import hand_in_onboarding_guess
from lessonlib.decisions import (architecture_of, case, decide,
                                 decide_all, decide_onboarding, decide_own, tally)
from lessonlib.pictures.reuse import show_reuse
from lessonlib.pictures.tree import show_tree
from lessonlib.widgets.prediction import reveal_ledger, reveal_links
from lessonlib.widgets.walker import decision_walker

# change impact (03_the_event_chain_trap, 04_criminal_check_exercise)
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import (insert_step, reorder, replace_subscription_by_command, steps_of,
                               where_is_the_process)
from lessonlib.overview import compare_roles
from lessonlib.pictures.impact import describe_impact, draw_impact, show_impact
from lessonlib.widgets.prediction import reveal_impact

# guided change, prediction and reveal (04_criminal_check_exercise)
from lessonlib.course.exercise import draft, hand_in_criminal_check
from lessonlib.widgets.prediction import (predict, predict_criminal_check, reveal,
                                          reveal_criminal_check)

# message bus, process engine, tracking, local vs central, sequence diagrams (05_track_then_manage);
# the fair lab and time frames (06_sagas_that_earn_their_timers)
from lessonlib import simulate
from lessonlib.bus import Bus, reject
from lessonlib.engine import Engine, Workflow
from lessonlib.labs import (failure_lab, lab_day_text, local_and_central, outcome_table,
                            refund_text, run_day, tracking_report)
from lessonlib.pictures.hosting import show_hosting
from lessonlib.pictures.sequence import describe_sequence, draw_sequence, show_sequence
from lessonlib.cards.tables import show_outcomes
from lessonlib.widgets.outage import predict_outage, reveal_outage

# sagas that earn their timers (06_sagas_that_earn_their_timers)
from lessonlib.saga_lab import SILENT_DAY, fair_lab, recovery_lab, timeout_outcomes
from lessonlib.widgets.refund import predict_refund, reveal_refund
from lessonlib.widgets.timeout import predict_inconsistent, timeout_lab

# track, then manage: the path and its price, the re-send, the hybrid's end, an owner without an
# engine, who owns a process and where its engine runs (05_track_then_manage)
from lessonlib.journey import (checks_commanded, hybrid_to_commands, journey_text, plain_owner,
                               resend_day, resend_decision, resend_report, resending_chain,
                               same_conversation)
from lessonlib.placement import outage_table, placement_changes_text
from lessonlib.widgets.journey import (predict_no_engine, predict_stuck_order,
                                       reveal_plain_owner, reveal_tracking)

# commands in disguise (07_commands_in_disguise)
from lessonlib.disguise import (dependency_flip, detect, dress, inspect_name, inspect_names,
                                propose_command, unmask)
from lessonlib.pictures.flip import show_flip
from lessonlib.scenarios import costume_catalogue
from lessonlib.simulate import costume_trace
from lessonlib.widgets.costume import costume_lab
from lessonlib.widgets.prediction import reveal_false_alarm

# when to use which; the final check (08_check_your_understanding)
from lessonlib.course.advice import advise
from lessonlib.course.roadmap import course_text
from lessonlib.widgets.advice import self_assessment

# the capstone: booking a trip, decided link by link, built, changed and failed
# (09_capstone_trip_booking)
from lessonlib import trip_booking
from lessonlib.course.capstone import hand_in_trip_failure, hand_in_trip_links, hand_in_trip_model
from lessonlib.trip_booking import trip_booking_start, trip_day
from lessonlib.widgets.prediction import predict_trip_change, reveal_trip_change

# for instructors on a JupyterHub with the classroom service (docs/instructor-guide.md)
from lessonlib.course.classroom import reset_class_results
from lessonlib.widgets.classroom import class_results

# old names, kept until 0.3: each is its new name (tests/test_old_names.py checks)
from lessonlib.widgets.progress import course_page  # progress()
check_version = warn_on_version_mismatch
check_onboarding_guess = hand_in_onboarding_guess
check_criminal_check = hand_in_criminal_check

__all__ = [
    "__version__",
    # errors
    "LessonError", "LessonTypeError", "LessonWarning",
    # 00
    "scenarios", "scenario", "Architecture", "COMMAND", "EVENT", "describe", "draw", "show",
    "message_table", "LESSONS", "warn_on_version_mismatch", "reset_lesson", "progress",
    "progress_text", "record", "recall", "reset_progress", "Question", "grade", "load_quiz",
    "quiz", "concept_check", "run_status",
    # 01
    "same_message_two_envelopes", "classification_exercise", "predict_transport",
    "reveal_transport",
    # 02
    "both_ways", "coupling_report", "link_mix", "reuse_comparison", "architecture_of", "case",
    "hand_in_onboarding_guess", "decide", "decide_all", "decide_onboarding", "decide_own",
    "tally", "show_reuse", "show_tree", "decision_walker", "decisions_in_model",
    "reveal_ledger", "reveal_links",
    # 03
    "Impact", "impact", "insert_step", "reorder", "replace_subscription_by_command",
    "steps_of", "where_is_the_process", "compare_roles", "describe_impact", "draw_impact", "show_impact",
    "reveal_impact",
    # 04
    "hand_in_criminal_check", "draft", "predict", "predict_criminal_check", "reveal",
    "reveal_criminal_check",
    # 05
    "simulate", "Bus", "reject", "Engine", "Workflow", "fair_lab", "failure_lab", "lab_day_text",
    "local_and_central", "refund_text", "run_day", "timeout_outcomes", "tracking_report",
    "outcome_table", "show_hosting", "describe_sequence", "draw_sequence", "show_sequence",
    "show_outcomes", "predict_outage", "reveal_outage", "checks_commanded", "hybrid_to_commands",
    "journey_text", "plain_owner", "resend_day", "resend_decision", "resend_report",
    "resending_chain", "same_conversation", "outage_table", "placement_changes_text",
    "predict_no_engine", "predict_stuck_order", "reveal_plain_owner", "reveal_tracking",
    # 06
    "SILENT_DAY", "recovery_lab", "predict_refund", "reveal_refund", "predict_inconsistent",
    "timeout_lab",
    # 07
    "dependency_flip", "detect", "dress", "inspect_name", "inspect_names", "propose_command",
    "unmask",
    "show_flip", "costume_catalogue", "costume_trace", "costume_lab", "reveal_false_alarm",
    # 08
    "advise", "course_text", "self_assessment",
    # 09
    "trip_booking", "trip_booking_start", "trip_day", "hand_in_trip_links",
    "hand_in_trip_model", "hand_in_trip_failure", "predict_trip_change", "reveal_trip_change",
    # instructors on a hub
    "class_results", "reset_class_results",
    # old names, kept until 0.3
    "course_page", "check_version", "check_onboarding_guess", "check_criminal_check",
]

# Do the notebooks (run from their folder) and this lessonlib belong together?
warn_on_version_mismatch()

# Inside IPython, reports show as small HTML cards; print(report) still gives sentences.
from lessonlib.cards.reports import register as _show_reports_as_cards

_show_reports_as_cards()


def __getattr__(name: str):
    """A typo in a public name gets the nearest names, as every lessonlib error does."""
    import difflib

    close = difflib.get_close_matches(name, __all__, n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise AttributeError(f"lessonlib has no {name!r}.{hint}")
