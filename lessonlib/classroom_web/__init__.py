"""The classroom service: a JupyterHub service that collects quiz answers for the instructor.

Students' kernels send each checked answer and saved prediction here
(:mod:`lessonlib.course.classroom`); the instructor sees a lesson's results
live, in a notebook cell (``class_results("03")``) or on the service's page.
The hub runs it, authenticates every request with its tokens or OAuth, and
says who is asking. Answers are stored through SQLAlchemy (SQLite by default,
PostgreSQL by URL).

Needs the ``classroom`` extra (``pip install 'lessonlib[classroom]'``) where
the hub runs; ``import lessonlib`` never imports this package. Run by the hub
as ``python -m lessonlib.classroom_web`` (see ``deploy/jupyterhub/classroom.py``).
"""
