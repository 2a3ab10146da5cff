"""The old name of :mod:`lessonlib.classroom_web`, kept for one release.

A hub configured before the rename runs ``python -m lessonlib.service``; that
still starts the classroom's web application. New configurations name
``lessonlib.classroom_web`` (see ``deploy/jupyterhub/classroom.py``).
"""
