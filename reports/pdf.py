"""HTML → tagged PDF with WeasyPrint, offline.

The PDF is PDF/UA-1 (tagged, with the document language from `<html lang>`), and embeds the
self-hosted Fira Sans. While rendering nothing leaves the machine: the fetcher answers only
data: URIs and the portal's own static files, read from disk; anything else is refused.
"""

import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

logger = logging.getLogger(__name__)

# A base address no resolver answers (RFC 2606), so relative links stay inside the fetcher.
BASE_URL = "https://kooperationsraum.invalid/"


def static_file(name: str) -> str | None:
    """A static file on disk: from the source directories, or collected under STATIC_ROOT.

    In production `{% static %}` names the manifest's hashed copy (pdf.1a2b3c.css), which only
    STATIC_ROOT holds; the finders know the source names alone.
    """
    found = finders.find(name)
    if found:
        return found
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError):
        pass
    return None


class OfflineFetcher(URLFetcher):
    """Static files from disk and data: URIs; every other address is refused (and remembered)."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=["data", "https"], **kwargs)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if (
            parts.scheme == "https"
            and parts.netloc == urlsplit(BASE_URL).netloc
            and parts.path.startswith(static_prefix)
        ):
            found = static_file(parts.path.removeprefix(static_prefix))
            if found:
                with open(found, "rb") as handle:
                    body = handle.read()
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
        self.refused.append(url)
        logger.warning("PDF rendering refused to fetch %s", url)
        raise URLFetchingError(f"Refused (offline rendering): {url}")


def html_to_pdf(html: str, *, fetcher: OfflineFetcher | None = None) -> bytes:
    fetcher = fetcher or OfflineFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))
