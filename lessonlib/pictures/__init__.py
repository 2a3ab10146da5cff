"""What a lesson shows: matplotlib pictures, their text equivalents, and HTML tables.

Each module follows one pattern: ``draw_x(x, ax=None)`` draws on the axes (a new
figure if None) and returns them, never calling ``plt.show()``;
``describe_x(x)`` is the text equivalent a screen reader reads; ``show_x(x)``
displays both through :func:`lessonlib.pictures.display.display_figure`.
Commands are solid arrows with a filled head, events dashed with an open head,
and every arrow is labelled, so nothing depends on colour.

Modules: ``architecture`` (services and links), ``tree`` (the decision tree),
``impact`` (a change, marked), ``reuse`` (lesson 02's payment callers),
``sequence`` (a bus trace), ``flip`` (an event re-modelled as a command),
``tables`` (outcome tables) and ``display`` (the one way a figure reaches the
notebook). Nothing here imports ipywidgets.
"""
