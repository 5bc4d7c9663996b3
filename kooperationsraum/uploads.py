"""Checks for uploaded files: the content must be what the extension claims, and not too large.

libmagic reads the first bytes of the file, so a renamed executable is refused even when its
name ends in `.pdf`.
"""

from pathlib import Path

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DOCUMENT_TYPES = {
    ".pdf": {"application/pdf"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
}
SNIFF_BYTES = 8192


def validate_document(upload, allowed: dict[str, set[str]] = DOCUMENT_TYPES) -> None:
    """Refuse a file that is too large or whose content does not match its extension."""
    if upload.size > settings.UPLOAD_MAX_SIZE:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.UPLOAD_MAX_SIZE),
            },
            code="file_too_large",
        )
    extension = Path(upload.name).suffix.lower()
    if extension not in allowed:
        raise ValidationError(
            _("Dateien vom Typ „%(ext)s“ sind nicht erlaubt. Erlaubt: %(allowed)s."),
            params={"ext": extension or "?", "allowed": ", ".join(sorted(allowed))},
            code="file_extension",
        )
    upload.seek(0)
    detected = magic.from_buffer(upload.read(SNIFF_BYTES), mime=True)
    upload.seek(0)
    if detected not in allowed[extension]:
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Endung „%(ext)s“."),
            params={"ext": extension},
            code="file_content",
        )
