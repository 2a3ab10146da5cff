"""The one command line: ``python -m lessonlib reset 03`` restores lesson 03 as shipped.

Usage::

    python -m lessonlib lessons                   list the lessons
    python -m lessonlib reset LESSON              restore a lesson notebook (keeps quiz progress)
    python -m lessonlib reset LESSON --progress   ... and clear that lesson's quiz progress
    python -m lessonlib quiz seal FILE...         a quiz file, plain -> sealed, in place
    python -m lessonlib quiz show FILE...         print a quiz with its answers (instructors)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lessonlib.errors import LessonError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessonlib", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("lessons", help="list the lessons")
    reset = sub.add_parser("reset", help="restore a lesson notebook to its original state")
    reset.add_argument("lesson", help="its number (like 03) or its notebook name")
    reset.add_argument("--progress", action="store_true", help="also clear its quiz progress")
    quiz = sub.add_parser("quiz", help="seal a quiz file, or show one with its answers")
    quiz.add_argument("action", choices=["seal", "show"])
    quiz.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    from lessonlib.course.lessons import LESSONS, reset_lesson
    from lessonlib.course.quiz import describe, load_quiz, seal

    try:
        if args.command == "lessons":
            for lesson, title in LESSONS.items():
                print(f"{lesson}  {title}")
        elif args.command == "reset":
            print(reset_lesson(args.lesson, progress=args.progress))
        else:
            for path in args.files:
                if args.action == "seal":
                    print(f"sealed {path}: {seal(path)} question(s)")
                else:
                    print(describe(load_quiz(Path(path))))
    except LessonError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
