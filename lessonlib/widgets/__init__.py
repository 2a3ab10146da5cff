"""The interactive parts of the lessons, as ipywidgets.

One class per widget, each a ``VBox`` with named parts (``walker.yes.click()``
in a test, never ``box.children[1]``), and a function per widget that the
notebooks call. Every widget is thin: the logic it shows lives in the domain
modules or in :mod:`lessonlib.course`. Each module's ``CSS`` holds the DOM
classes the browser tests look for.
"""
