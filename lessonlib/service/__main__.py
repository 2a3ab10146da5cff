"""``python -m lessonlib.service``: the old name of ``python -m lessonlib.classroom_web``."""

import sys

from lessonlib.classroom_web.__main__ import main

if __name__ == "__main__":
    print("lessonlib.service is now lessonlib.classroom_web; update the hub's configuration "
          "(deploy/jupyterhub/classroom.py) before the next release.", file=sys.stderr)
    sys.exit(main())
