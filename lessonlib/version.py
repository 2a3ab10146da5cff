"""The version of lessonlib; the notebooks carry the same in ``notebooks/COURSE_VERSION``."""

__version__ = "0.1.0"
