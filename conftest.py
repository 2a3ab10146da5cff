"""Loaded by every pytest run in this repository, even ``pytest notebooks/NAME.ipynb``.

pytest reads ``tests/conftest.py`` only for runs that include ``tests/``; this
file gives nbval runs of single notebooks the same isolation (a temporary
``LESSONLIB_PROGRESS``, so no run touches a learner's saved quiz answers),
closes the figures every doctest of ``lessonlib/`` draws, and groups the tests
between pytest-xdist's workers the same way.
"""

from tests.conftest import (  # noqa: F401
    _close_figures,
    pytest_configure,
    pytest_unconfigure,
    pytest_xdist_make_scheduler,
)
