"""The portal application factory and its server entry point."""

from __future__ import annotations

import uuid

from sanic import Sanic

from lotse.settings import Settings
from portal import auth, kb_views, profiles_views, proxy
from portal.rendering import (
    STATIC_DIR,
    STATIC_PREFIX,
    PortalErrorHandler,
    add_security_headers,
    make_environment,
)
from portal.sessions import SessionCodec, load_or_create_key


def create_app(settings: Settings) -> Sanic:
    """A new portal app; each call gets its own name because Sanic registers apps by name."""
    app = Sanic(f"lotse_portal_{uuid.uuid4().hex[:12]}", error_handler=PortalErrorHandler())
    app.config.ACCESS_LOG = False
    # Login forms and knowledge-base entries: 7 languages of answers, URL-encoded (Arabic or
    # Cyrillic text grows sixfold), stay well below this.
    app.config.REQUEST_MAX_SIZE = 512 * 1024
    app.config.FALLBACK_ERROR_FORMAT = "html"
    app.ctx.settings = settings
    proxy.trusted_networks(settings.portal_trusted_proxies)  # a typo stops the start, loudly
    app.ctx.sessions = SessionCodec(load_or_create_key(settings.session_key_file))
    app.ctx.templates = make_environment()
    app.static(STATIC_PREFIX, str(STATIC_DIR), name="static")
    auth.register(app)
    profiles_views.register(app)
    kb_views.register(app)
    app.register_middleware(add_security_headers, "response")
    return app


def serve(settings: Settings) -> None:
    """Run the portal in the foreground until interrupted (one worker, no access log)."""
    app = create_app(settings)
    app.run(host=settings.host, port=settings.portal_port, workers=1, access_log=False,
            debug=False, auto_reload=False)
