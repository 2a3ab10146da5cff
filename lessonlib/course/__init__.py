"""How the course runs: its lessons and version, its activities, progress, quizzes, exercises.

``lessons`` (the lesson list, the version stamp, resetting a lesson),
``activities`` (the one list of what the lessons ask of a student: quiz questions,
predictions, the classification, the exercises, each with the answer it takes),
``submit`` (handing an activity in: saved, and sent to the class on a hub),
``progress`` (the saved answers and values, safe against crashes and
corruption), ``quiz`` (the quiz format, sealing and grading), ``exercise``
(lesson 02's guess, lesson 04's forgiving drafts and hints), ``prediction``
(predict, then reveal), ``classroom`` (sending to the hub's classroom service,
what it accepts, and the class's results), ``advice`` (lesson 08's
self-assessment) and ``roadmap`` (the progress page's data). Pure logic: the
widgets that show it are in :mod:`lessonlib.widgets`, its HTML in
:mod:`lessonlib.cards`.
"""
