"""What a lesson shows: matplotlib pictures and their text equivalents.

Each module follows one pattern: ``draw_x(x, ax=None)`` draws on the axes (a new
figure if None) and returns them, never calling ``plt.show()``;
``describe_x(x)`` is the text equivalent a screen reader reads; ``show_x(x)``
displays both through :func:`lessonlib.cards.figures.show_figure` (the
image and its text as HTML: the HTML lives in :mod:`lessonlib.cards`).
Commands are solid arrows with a filled head, events dashed with an open head,
and every arrow is labelled, so nothing depends on colour.

Modules: ``architecture`` (services and links), ``tree`` (the decision tree),
``impact`` (a change, marked), ``reuse`` (lesson 02's payment callers),
``sequence`` (a bus trace), ``flip`` (an event re-modelled as a command),
``hosting`` (where processes run), ``outcomes`` (lesson 05's chart); the
helpers ``placement`` (where everything in an architecture picture goes),
``shapes`` (boxes, lines and labels, and where they collide), ``wrapping`` (the
one text wrapper), ``sizes`` (text measured, figures sized) and ``png`` (a
figure as PNG bytes). Nothing here imports ipywidgets or builds HTML.
"""
