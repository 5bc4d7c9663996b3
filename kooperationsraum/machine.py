"""What every machine channel shares (API, Atom feeds, DCAT, OParl, CSV, sitemap): absolute
addresses under `SITE_URL`, and German output whatever language the client asks for.

Other portals store these addresses and compare these files over time, so neither may depend on
the host name a request happened to use or on its Accept-Language header.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation

LANGUAGE = "de"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def in_german(view: Callable) -> Callable:
    """Run a view in German and say so in Content-Language (LocaleMiddleware only sets a default)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        with translation.override(LANGUAGE):
            response = view(*args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # DRF and template responses render late, outside this block
        response.headers["Content-Language"] = LANGUAGE
        return response

    return wrapper
