"""Class results: on a hub with the classroom service, students' work also reaches the instructor.

Three parts, pure logic all (the service itself is :mod:`lessonlib.classroom_web`):

``outbox``    what a student's kernel handed in and the class has not yet confirmed,
              kept beside the progress file
``client``    a student's kernel sends what waits in the outbox, in the background,
              until the service confirms it; an instructor's kernel reads a lesson's results
``contract``  what is sent, and the one check the service makes of it
``results``   the class's results of a lesson, counted from what the service stored

The names below are the ones lessons, the service and the tests use.
"""

from lessonlib.course.classroom.client import (
    ENV_URL,
    SEND_TIMEOUT,
    Sender,
    classroom_url,
    fetch_results,
    flush,
    reset_class_results,
    resume,
    send,
    send_answer,
    send_prediction,
    take_notices,
)
from lessonlib.course.classroom.contract import (
    INSTRUCTOR_SCOPE,
    MAX_PAYLOAD,
    Submission,
    check_answer_payload,
    check_id,
    check_payload,
    check_prediction_payload,
    parse_payload,
    payload,
)
from lessonlib.course.classroom.outbox import Outbox, outbox_path
from lessonlib.course.classroom.results import summarise

__all__ = ["ENV_URL", "SEND_TIMEOUT", "INSTRUCTOR_SCOPE", "MAX_PAYLOAD", "Submission",
           "Sender", "Outbox", "outbox_path", "classroom_url", "send", "resume",
           "send_answer", "send_prediction", "take_notices", "flush", "payload",
           "parse_payload", "check_payload", "check_id", "check_answer_payload", "check_prediction_payload",
           "fetch_results", "reset_class_results", "summarise"]
