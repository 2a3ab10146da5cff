"""HTML cards and tables: how a report, a table or the class's results look in a notebook.

The one home of the course's HTML, apart from ``pictures/`` (matplotlib only)
and ``course/`` (pure logic). A card is built from the same values as the
sentences its report prints, and escapes everything a learner could have typed.
"""
