"""Semantics vs transport: the same command and event in two real envelopes.

Introduced in ``01_commands_and_events.ipynb``. Whether a message is a command
or an event is the meaning of its payload; the transport is only the envelope.
This package sends one command (``RetrievePayment``) and one event
(``OrderPlaced``) over two transports that run inside the notebook:

* :class:`InProcessQueue` - a queue between threads, like a broker's topic:
  :meth:`~InProcessQueue.send` returns at once (the command is asynchronous)
  and the acknowledgement or rejection comes back later on a reply queue;
  :meth:`~InProcessQueue.publish` hands an event to every subscriber.
* :class:`LocalHttpService` - an HTTP server from the standard library on
  ``127.0.0.1`` and a free port: a command is a ``POST``, an event is an entry
  in a feed that readers fetch with ``GET`` (an event on a REST feed).

:func:`same_message_two_envelopes` runs all four deliveries and reports what
each receiver got. Nothing here binds beyond localhost, and every server it
starts is stopped before it returns.

>>> report = same_message_two_envelopes()
>>> report.meaning_kept, report.server_stopped
(True, True)

The meaning is read from the answers, not from equal bytes: the command was
acknowledged (or rejected) by its one receiver on each transport; the event got
no answer, and what its emitter emitted did not depend on who read it, although
the HTTP feed's server saw its readers (see :meth:`TransportReport.evidence`).

One module per idea: :mod:`~lessonlib.transport.payload` (what travels and what
arrives), :mod:`~lessonlib.transport.in_process` and
:mod:`~lessonlib.transport.local_http` (the two envelopes) and
:mod:`~lessonlib.transport.two_envelopes` (the demo and its evidence).
"""

from __future__ import annotations

from lessonlib.transport.in_process import InProcessQueue
from lessonlib.transport.local_http import LocalHttpService
from lessonlib.transport.payload import HOST, Payload, Receipt, Rejected
from lessonlib.transport.two_envelopes import Evidence, TransportReport, same_message_two_envelopes

# old names, kept until 0.3
Delivery = Receipt
Check = Evidence

__all__ = [
    "Payload",
    "Rejected",
    "Receipt",
    "InProcessQueue",
    "LocalHttpService",
    "TransportReport",
    "Evidence",
    "same_message_two_envelopes",
    "HOST",
]
