"""The one command line: ``python -m lessonlib lab`` opens the course in JupyterLab.

Usage::

    python -m lessonlib lab                       open the course (127.0.0.1 only, with a token)
    python -m lessonlib lab --no-browser          ... and print the address instead of opening it
    python -m lessonlib lessons                   list the lessons
    python -m lessonlib reset LESSON              restore a lesson notebook (keeps quiz progress)
    python -m lessonlib reset LESSON --progress   ... and clear that lesson's quiz progress
    python -m lessonlib quiz seal FILE...         a quiz file, plain -> sealed, in place
    python -m lessonlib quiz show FILE...         print a quiz with its answers (instructors)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from lessonlib.errors import LessonError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessonlib", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    lab = sub.add_parser("lab", help="open the course in JupyterLab (localhost, with a token)")
    lab.add_argument("--port", type=int, help="the port to serve on (default: JupyterLab's)")
    lab.add_argument("--no-browser", action="store_true", help="print the address, open nothing")
    sub.add_parser("lessons", help="list the lessons")
    reset = sub.add_parser("reset", help="restore a lesson notebook to its original state")
    reset.add_argument("lesson", help="its number (like 03) or its notebook name")
    reset.add_argument("--progress", action="store_true", help="also clear its quiz progress")
    quiz = sub.add_parser("quiz", help="seal a quiz file, or show one with its answers")
    quiz.add_argument("action", choices=["seal", "show"])
    quiz.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    if args.command == "lab":
        return _lab(args)
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


def _lab(args: argparse.Namespace) -> int:
    from lessonlib.course.start import INSTALL_LAB, course_folder, jupyterlab_installed, lab_command

    try:
        folder = course_folder()
    except LessonError as error:
        print(error, file=sys.stderr)
        return 2
    if not jupyterlab_installed():
        print(INSTALL_LAB, file=sys.stderr)
        return 2
    command = lab_command(port=args.port, open_browser=not args.no_browser)
    print(f"Serving the course in {folder} on 127.0.0.1; Ctrl+C (twice) stops it.", flush=True)
    if os.name == "posix":
        # JupyterLab takes this process's place, so Ctrl+C and other signals reach it
        # directly and it shuts its kernels down as it always does.
        os.chdir(folder)
        os.execv(command[0], command)
    server = subprocess.Popen(command, cwd=folder)  # Windows: no exec, so wait for it
    while True:
        try:
            return server.wait()
        except KeyboardInterrupt:
            # Ctrl+C reaches JupyterLab too: it asks to confirm, then shuts its kernels
            # down. Wait for that rather than kill it halfway.
            continue


if __name__ == "__main__":
    sys.exit(main())
