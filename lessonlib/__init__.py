"""lessonlib: the helpers behind the course *Orchestration vs choreography*.

Everything a lesson calls is importable from here, grouped below by the lesson
that introduces it::

    from lessonlib import Architecture, show

The package has layers: a pure domain at the top (the model, decisions,
impact, the bus...), ``course/`` (lessons, progress, quizzes, exercises),
``pictures/`` (matplotlib), ``cards/`` (HTML) and ``widgets/`` (ipywidgets).
Matplotlib is imported only when a first picture is drawn, and each name below
only when a lesson first uses it (``import lessonlib`` stays quick; a lesson's
``from lessonlib import show`` loads what ``show`` needs and no more).
"""

from lessonlib.version import __version__

# errors (every lesson)
from lessonlib.errors import LessonError, LessonTypeError, LessonWarning

#: Each public name -> (the module it lives in, its name there); None: a submodule.
_HOME: dict[str, tuple[str, str | None]] = {}


def _homes(module: str | None, *names: str) -> None:
    for name in names:
        _HOME[name] = (f"lessonlib.{name}", None) if module is None else (module, name)


# the model and its pictures (00_start_here)
_homes(None, "scenarios")
_homes("lessonlib.architecture", "COMMAND", "EVENT", "Architecture")
_homes("lessonlib.overview", "message_table")
_homes("lessonlib.pictures.architecture", "describe", "draw", "show")
_homes("lessonlib.scenarios", "scenario")

# the course as a whole: lessons, version stamp, reset, quizzes, progress (00_start_here)
_homes("lessonlib.course.lessons", "LESSONS", "reset_lesson", "warn_on_version_mismatch")
_homes("lessonlib.course.progress", "recall", "record", "reset_progress")
_homes("lessonlib.course.roadmap", "progress_text")
_homes("lessonlib.course.quiz", "Question", "grade", "load_quiz")
_homes("lessonlib.widgets.concept_check", "concept_check")
_homes("lessonlib.widgets.progress", "progress")
_homes("lessonlib.widgets.quiz", "quiz")
_homes("lessonlib.widgets.status", "run_status")

# commands and events, semantics vs transport (01_commands_and_events)
_homes("lessonlib.transport", "same_message_two_envelopes")
_homes("lessonlib.widgets.classify", "classification_exercise")
_homes("lessonlib.widgets.prediction", "predict_transport", "reveal_transport")

# who depends on whom and the decision tree (02_who_depends_on_whom)
_homes("lessonlib.coupling",
        "both_ways", "coupling_report", "decisions_in_model", "link_mix", "reuse_comparison")
_homes("lessonlib.course.exercise", "hand_in_onboarding_guess")
_homes("lessonlib.decisions",
        "architecture_of", "case", "decide", "decide_all", "decide_onboarding", "decide_own",
        "tally")
_homes("lessonlib.pictures.reuse", "show_reuse")
_homes("lessonlib.pictures.tree", "show_tree")
_homes("lessonlib.widgets.prediction", "reveal_ledger", "reveal_links")
_homes("lessonlib.widgets.walker", "decision_walker")

# change impact (03_the_event_chain_trap, 04_criminal_check_exercise)
_homes("lessonlib.change_impact", "Impact", "impact")
_homes("lessonlib.changes",
        "insert_step", "reorder", "replace_subscription_by_command", "steps_of",
        "where_is_the_process")
_homes("lessonlib.overview", "compare_roles")
_homes("lessonlib.pictures.impact", "describe_impact", "draw_impact", "show_impact")
_homes("lessonlib.widgets.prediction", "reveal_impact")

# guided change, prediction and reveal (04_criminal_check_exercise)
_homes("lessonlib.course.exercise", "draft", "hand_in_criminal_check")
_homes("lessonlib.widgets.prediction",
        "predict", "predict_criminal_check", "reveal", "reveal_criminal_check")

# message bus, process engine, tracking, local vs central, sequence diagrams (05_track_then_manage);
# the fair lab and time frames (06_sagas_that_earn_their_timers)
_homes(None, "simulate")
_homes("lessonlib.bus", "Bus", "reject")
_homes("lessonlib.engine", "Engine", "Workflow")
_homes("lessonlib.labs",
        "failure_lab", "lab_day_text", "local_and_central", "outcome_table", "refund_text",
        "run_day", "tracking_report")
_homes("lessonlib.pictures.hosting", "show_hosting")
_homes("lessonlib.pictures.sequence", "describe_sequence", "draw_sequence", "show_sequence")
_homes("lessonlib.cards.tables", "show_outcomes")
_homes("lessonlib.widgets.outage", "predict_outage", "reveal_outage")

# sagas that earn their timers (06_sagas_that_earn_their_timers)
_homes("lessonlib.saga_lab", "SILENT_DAY", "fair_lab", "recovery_lab", "timeout_outcomes")
_homes("lessonlib.widgets.refund", "predict_refund", "reveal_refund")
_homes("lessonlib.widgets.timeout", "predict_inconsistent", "timeout_lab")

# track, then manage: the path and its price, the re-send, the hybrid's end, an owner without an
# engine, who owns a process and where its engine runs (05_track_then_manage)
_homes("lessonlib.journey",
        "checks_commanded", "hybrid_to_commands", "journey_text", "plain_owner", "resend_day",
        "resend_decision", "resend_report", "resending_chain", "same_conversation")
_homes("lessonlib.placement", "outage_table", "placement_changes_text")
_homes("lessonlib.widgets.journey",
        "predict_no_engine", "predict_stuck_order", "reveal_plain_owner", "reveal_tracking")

# commands in disguise (07_commands_in_disguise)
_homes("lessonlib.disguise",
        "dependency_flip", "detect", "dress", "inspect_name", "inspect_names", "propose_command",
        "unmask")
_homes("lessonlib.pictures.flip", "show_flip")
_homes("lessonlib.scenarios", "costume_catalogue")
_homes("lessonlib.simulate", "costume_trace")
_homes("lessonlib.widgets.costume", "costume_lab")
_homes("lessonlib.widgets.prediction", "reveal_false_alarm")

# when to use which; the final check (08_check_your_understanding)
_homes("lessonlib.course.advice", "advise")
_homes("lessonlib.course.roadmap", "course_text")
_homes("lessonlib.widgets.advice", "self_assessment")

# the capstone: booking a trip, decided link by link, built, changed and failed
# (09_capstone_trip_booking)
_homes(None, "trip_booking")
_homes("lessonlib.course.capstone",
        "hand_in_trip_failure", "hand_in_trip_links", "hand_in_trip_model")
_homes("lessonlib.trip_booking", "trip_booking_start", "trip_day")
_homes("lessonlib.widgets.prediction", "predict_trip_change", "reveal_trip_change")

# for instructors on a JupyterHub with the classroom service (docs/instructor-guide.md)
_homes("lessonlib.course.classroom", "reset_class_results")
_homes("lessonlib.widgets.classroom", "class_results")

# old names, kept until 0.3: each is its new name (tests/test_old_names.py checks)
_homes("lessonlib.widgets.progress", "course_page")
_OLD = {"check_version": "warn_on_version_mismatch",
        "check_onboarding_guess": "hand_in_onboarding_guess",
        "check_criminal_check": "hand_in_criminal_check"}

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


def _load(name: str):
    """The public ``name``, imported from its home on first use (then kept here)."""
    from importlib import import_module

    module, attr = _HOME[_OLD.get(name, name)]
    value = import_module(module) if attr is None else getattr(import_module(module), attr)
    globals()[name] = value
    return value


# Do the notebooks (run from their folder) and this lessonlib belong together?
_load("warn_on_version_mismatch")()

# Inside IPython, reports show as small HTML cards; print(report) still gives sentences.
from lessonlib.cards.display import register as _show_reports_as_cards  # noqa: E402

_show_reports_as_cards()


def __getattr__(name: str):
    """A public name, loaded on first use; a typo gets the nearest names, as every
    lessonlib error does."""
    if name in _HOME or name in _OLD:
        return _load(name)
    import difflib

    close = difflib.get_close_matches(name, __all__, n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise AttributeError(f"lessonlib has no {name!r}.{hint}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
