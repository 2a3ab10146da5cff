"""How the course runs: its lessons and version, progress, quizzes, exercises, advice.

``lessons`` (the lesson list, the version stamp, resetting a lesson),
``progress`` (the saved answers and values, safe against crashes and
corruption), ``quiz`` (the quiz format, sealing and grading), ``exercise``
(lesson 04's forgiving drafts and hints), ``prediction`` (predict, then reveal),
``advice`` (lesson 07's self-assessment) and ``roadmap`` (the course page's
data). Pure logic: the widgets that show it are in :mod:`lessonlib.widgets`.
"""
