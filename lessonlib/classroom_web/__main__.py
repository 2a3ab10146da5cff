"""Run the classroom service, or reset what it stored.

Usage::

    python -m lessonlib.classroom_web                 run it (the hub does, with its environment)
    python -m lessonlib.classroom_web reset [LESSON]  forget the class's answers (to one lesson)

Options: ``--db URL`` (default ``$LESSONLIB_CLASSROOM_DB``, else
``sqlite:///lessonlib-classroom.sqlite`` in the working directory);
``--ip`` to listen on another address than the host of the hub's
``JUPYTERHUB_SERVICE_URL`` (Zero to JupyterHub: ``0.0.0.0``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from lessonlib.errors import LessonError

DB_VAR = "LESSONLIB_CLASSROOM_DB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessonlib.classroom_web",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=None, help="a SQLAlchemy database URL")
    parser.add_argument("--ip", default=None, help="the address to listen on")
    sub = parser.add_subparsers(dest="command")
    reset = sub.add_parser("reset", help="forget the class's answers")
    reset.add_argument("lesson", nargs="?", help="only this lesson's (like 03)")
    args = parser.parse_args(argv)

    from lessonlib.classroom_web.store import DEFAULT_URL, Store

    url = args.db or os.environ.get(DB_VAR) or DEFAULT_URL
    store = Store(url)
    if args.command == "reset":
        from lessonlib.course.lessons import lesson_id

        try:
            lesson = lesson_id(args.lesson) if args.lesson else None
        except LessonError as error:
            print(error, file=sys.stderr)
            return 2
        deleted = store.reset(lesson)
        print(f"Forgot {deleted} answer(s) to {lesson or 'every lesson'}.")
        return 0
    return asyncio.run(_serve(store, args.ip))


async def _serve(store, ip: str | None) -> int:
    from lessonlib.classroom_web.app import bind_address, make_app

    service_url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if not service_url:
        print("Run by a JupyterHub: it sets JUPYTERHUB_SERVICE_URL and the other variables the "
              "service needs (see deploy/jupyterhub/classroom.py).", file=sys.stderr)
        return 2
    host, port = bind_address(service_url)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/classroom/")
    app = make_app(store, prefix)
    app.listen(port, address=ip or host, max_body_size=1024 * 1024)
    await asyncio.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
