"""Run the classroom service, or look after what it stored.

Usage::

    python -m lessonlib.classroom_web                   run it (the hub does, with its environment)
    python -m lessonlib.classroom_web check             can the service open its database? (exit 0/2)
    python -m lessonlib.classroom_web backup FILE       every stored answer, as JSON lines
    python -m lessonlib.classroom_web restore FILE      add a backup's answers (none twice)
    python -m lessonlib.classroom_web reset LESSON      forget the class's answers to a lesson
    python -m lessonlib.classroom_web reset --all       ... to every lesson

Options: ``--db URL`` (default ``$LESSONLIB_CLASSROOM_DB``, else
``sqlite:///lessonlib-classroom.sqlite`` in the working directory);
``--ip`` to listen on another address than the host of the hub's
``JUPYTERHUB_SERVICE_URL`` (Zero to JupyterHub: ``0.0.0.0``).

On start the service opens its database; if it cannot, it says why in one
sentence in the hub's log and keeps running, answering 503 with that sentence
(students' kernels keep their answers and send them again) until the database
answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path

from lessonlib.errors import LessonError

DB_VAR = "LESSONLIB_CLASSROOM_DB"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lessonlib.classroom_web",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=None, help="a SQLAlchemy database URL")
    parser.add_argument("--ip", default=None, help="the address to listen on")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="open the database and say whether it works")
    reset = sub.add_parser("reset", help="forget the class's answers (make a backup first)")
    reset.add_argument("lesson", nargs="?", help="only this lesson's (like 03)")
    reset.add_argument("--all", action="store_true", help="every lesson's")
    for name, what in (("backup", "write every stored answer to FILE (JSON lines)"),
                       ("restore", "add the answers in FILE (a backup); none is added twice")):
        sub.add_parser(name, help=what).add_argument("file", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from lessonlib.classroom_web.store import DEFAULT_URL, Store, Unavailable

    url = args.db or os.environ.get(DB_VAR) or DEFAULT_URL
    try:
        store = Store(url)
        if args.command is None:
            return asyncio.run(_serve(store, args.ip))
        store.check()
        return _operate(store, args)
    except (Unavailable, LessonError, OSError) as error:
        print(error, file=sys.stderr)
        return 2


def _operate(store, args) -> int:
    """The operator's commands: check, backup, restore, reset."""
    from lessonlib.classroom_web.store import shown_url

    if args.command == "check":
        print(f"The classroom's database {shown_url(store.url)} answers: "
              f"{store.count()} answer(s) stored.")
    elif args.command == "backup":
        with open(args.file, "w", encoding="utf-8") as out:
            count = sum(out.write(json.dumps(row, ensure_ascii=False) + "\n") > 0
                        for row in store.rows())
        print(f"Wrote {count} answer(s) to {args.file}.")
    elif args.command == "restore":
        with open(args.file, encoding="utf-8") as backup:
            rows = [json.loads(line) for line in backup if line.strip()]
        added = store.restore(rows)
        print(f"Added {added} of the {len(rows)} answer(s) in {args.file} "
              f"({len(rows) - added} were stored already).")
    elif args.command == "reset":
        return _reset(store, args)
    return 0


def _reset(store, args) -> int:
    from lessonlib.course.lessons import lesson_id

    if bool(args.lesson) == bool(args.all):
        print("Say which lesson to reset (like `reset 03`), or `reset --all` for every "
              "lesson; `backup FILE` first keeps a copy.", file=sys.stderr)
        return 2
    lesson = lesson_id(args.lesson) if args.lesson else None
    deleted = store.reset(lesson, everything=args.all)
    print(f"Forgot {deleted} answer(s) to {lesson or 'every lesson'}.")
    return 0


async def _serve(store, ip: str | None) -> int:
    from lessonlib.classroom_web.app import BACKLOG, bind_address, make_app
    from lessonlib.classroom_web.store import Unavailable, shown_url

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="[%(levelname).1s %(asctime)s classroom] %(message)s")
    log = logging.getLogger("lessonlib.classroom_web")
    service_url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if not service_url:
        print("Run by a JupyterHub: it sets JUPYTERHUB_SERVICE_URL and the other variables the "
              "service needs (see deploy/jupyterhub/classroom.py).", file=sys.stderr)
        return 2
    host, port = bind_address(service_url)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/classroom/")
    app = make_app(store, prefix)
    try:
        await asyncio.to_thread(store.check)
        log.info("The classroom's database %s answers.", shown_url(store.url))
    except Unavailable as error:  # say it once, keep serving 503s until it answers
        log.error("%s", error)
        app.settings["db_health"].update(state="unavailable", said=str(error))
    app.listen(port, address=ip or host, max_body_size=1024 * 1024, backlog=BACKLOG)
    log.info("The classroom service listens on %s:%d%s.", ip or host, port, prefix)
    await asyncio.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
