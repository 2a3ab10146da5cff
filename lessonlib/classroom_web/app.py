"""The classroom service's web application: a JupyterHub service, authenticated by the hub.

Routes, under the service's prefix (``/services/classroom/``): the JSON API in
:mod:`lessonlib.classroom_web.api`, the instructor's pages in
:mod:`lessonlib.classroom_web.pages`, and ``oauth_callback`` (the end of the hub's
OAuth login). Any other address is a 404 with a sentence.

An instructor is a hub user holding the custom scope ``custom:classroom:instructor``
(the hub's configuration gives it to a group, see ``deploy/jupyterhub/classroom.py``),
through the service's page in a browser or a token made for it; a kernel's own token
never holds it. Requests come with the hub's token or the OAuth cookie of a browser;
the hub says who that is (:mod:`lessonlib.classroom_web.base`). Every refusal is a
status and one sentence; nothing is stored unless the whole payload checks out, and
the database is never used on the event loop.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler
from jupyterhub.utils import url_path_join
from tornado import web

from lessonlib.classroom_web.api import (
    AnswersHandler,
    ConceptCheckHandler,
    HealthHandler,
    MineHandler,
    ResetHandler,
    ResultsHandler,
)
from lessonlib.classroom_web.base import NotFound, Rejected, access_log, auth_cache, db_settings
from lessonlib.classroom_web.pages import (
    ConceptCheckPageHandler,
    IndexHandler,
    LessonPageHandler,
)
from lessonlib.classroom_web.store import Store

__all__ = ["make_app", "Rejected", "bind_address", "BACKLOG"]

#: Connections waiting to be accepted: a class of 200 sending at once fits, with room.
BACKLOG = 1024


def make_app(store: Store, prefix: str) -> web.Application:
    """The service's tornado application, serving under ``prefix`` (ends with ``/``)."""
    auth = HubOAuth.instance()
    auth.cache_max_age = min(auth.cache_max_age, auth_cache())  # before its cache is made
    return web.Application(
        [
            (url_path_join(prefix, "api/answers"), AnswersHandler),
            (url_path_join(prefix, "api/answers/mine"), MineHandler),
            (url_path_join(prefix, r"api/results/([^/]+)"), ResultsHandler),
            (url_path_join(prefix, "api/reset"), ResetHandler),
            (url_path_join(prefix, "api/health"), HealthHandler),
            (url_path_join(prefix, "api/concept-check"), ConceptCheckHandler),
            (url_path_join(prefix, "concept-check"), ConceptCheckPageHandler),
            (url_path_join(prefix, r"concept-check/(fragment)"), ConceptCheckPageHandler),
            (url_path_join(prefix, r"lessons/([^/]+)"), LessonPageHandler),
            (url_path_join(prefix, r"lessons/([^/]+)/(fragment)"), LessonPageHandler),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (prefix, IndexHandler),
        ],
        default_handler_class=NotFound,
        log_function=access_log,
        store=store,
        prefix=prefix,
        cookie_secret=secrets.token_bytes(32),
        **db_settings(),
    )


def bind_address(service_url: str) -> tuple[str, int]:
    """``("127.0.0.1", 10101)`` from the URL the hub gives the service."""
    parsed = urlparse(service_url)
    return parsed.hostname or "127.0.0.1", parsed.port or 80
