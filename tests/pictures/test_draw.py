"""Pictures: commands solid, events dashed, labelled, deterministic; text equivalents."""

import re

import matplotlib.pyplot as plt
import pytest

from lessonlib import describe, draw, scenarios
from lessonlib.pictures.architecture import layout

ALL = [scenarios.seed_choreography, scenarios.seed_orchestration,
       scenarios.order_fulfilment_choreography, scenarios.order_fulfilment_orchestration,
       scenarios.customer_onboarding_orchestration, scenarios.customer_onboarding_choreography]


def arrows(ax, kind):
    return [p for p in ax.patches if p.get_gid() == kind]


@pytest.mark.parametrize("dependencies", [False, True])
@pytest.mark.parametrize("factory", ALL, ids=lambda f: f.__name__)
def test_commands_solid_events_dashed(factory, dependencies):
    arch = factory()
    ax = draw(arch, dependencies=dependencies)
    commands, events = arrows(ax, "command"), arrows(ax, "event")
    assert len(commands) == len(arch.links("command"))
    stubs = 0 if dependencies else sum(1 for m in arch.messages if m.is_event and not m.targets)
    assert len(events) == len(arch.links("event")) + stubs
    assert {p.get_linestyle() for p in commands} <= {"solid", "-"}
    assert all(p.get_linestyle() not in ("solid", "-") for p in events)


def test_every_message_is_labelled_with_its_kind():
    arch = scenarios.order_fulfilment_orchestration()
    text = "\n".join(t.get_text() for t in draw(arch).texts)
    for m in arch.messages:
        assert f"{m.kind}:\n{m.name}" in text


def test_dependency_view_reverses_event_arrows_only():
    arch = scenarios.seed_orchestration()
    ax = draw(arch, dependencies=True)
    text = "\n".join(t.get_text() for t in ax.texts)
    assert "depends on" in text
    # OrderPlaced flows Checkout -> Order; the dependency points Order -> Checkout (leftwards).
    assert "\u2190 event:\nOrderPlaced" in text
    assert "\u2192 command:\nRetrievePayment" in text


def test_draw_returns_the_given_axes_and_never_shows(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("draw called plt.show()"))
    fig, ax = plt.subplots()
    assert draw(scenarios.seed_choreography(), ax) is ax


@pytest.mark.parametrize("factory", ALL, ids=lambda f: f.__name__)
def test_layout_is_deterministic_and_flows_left_to_right(factory):
    first, second = layout(factory()), layout(factory())
    assert first == second
    pairs = {(lk.sender, lk.receiver) for lk in factory().links()}
    for sender, receiver in pairs:
        if (receiver, sender) in pairs and first[receiver][0] < first[sender][0]:
            continue  # a reply to the service that started the exchange points back left
        assert first[sender][0] < first[receiver][0], (sender, receiver)


def test_two_drawings_have_the_same_artists():
    def snapshot():
        ax = draw(scenarios.order_fulfilment_orchestration())
        return [(t.get_text(), t.get_position()) for t in ax.texts]

    assert snapshot() == snapshot()


def test_highlight_uses_hatching_not_colour_alone():
    ax = draw(scenarios.order_fulfilment_choreography(), highlight=["Payment"], new=["Shipping"])
    boxes = {p.get_gid(): p for p in ax.patches if str(p.get_gid()).startswith("service:")}
    assert boxes["service:Payment"].get_hatch() == "///"
    assert boxes["service:Checkout"].get_hatch() is None
    texts = [t.get_text() for t in ax.texts]
    assert "CHANGED" in texts and "NEW" in texts
    assert boxes["service:Shipping"].get_hatch() is None  # new, not changed


def test_description_mentions_every_message_and_style():
    arch = scenarios.order_fulfilment_orchestration()
    text = describe(arch)
    for m in arch.messages:
        assert m.name in text
    assert "solid arrow" in text and "dashed arrow" in text
    assert "no service subscribes" in text  # OrderCompleted


def test_show_displays_one_image_per_architecture_with_its_alt_text(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display",
                        lambda *objs, **kw: shown.append((objs, kw)))
    from lessonlib import show

    show(scenarios.seed_choreography(), scenarios.seed_orchestration())
    assert len(shown) == 2  # one under the other, never squeezed side by side
    for (bundle,), kw in shown:
        assert set(bundle) == {"text/html", "text/plain"} and kw == {"raw": True}
    first, second = (bundle for (bundle,), _ in shown)
    assert re.search(r'<img [^>]*alt="Choreography: [^"]*PaymentReceived', first["text/html"])
    assert "RetrievePayment" in second["text/plain"]
    assert "<details" in first["text/html"] and "OrderPlaced" in first["text/html"]
    assert plt.get_fignums() == []  # nothing left for the inline backend to show twice
