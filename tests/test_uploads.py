"""Uploads are checked by content and size, with German messages."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kooperationsraum.uploads import validate_document
from tests.conftest import MINIMAL_PDF, PNG


def test_real_pdf_and_png_pass():
    validate_document(SimpleUploadedFile("vereinbarung.pdf", MINIMAL_PDF))
    validate_document(SimpleUploadedFile("logo.png", PNG))


def test_executable_renamed_to_pdf_is_refused():
    fake = SimpleUploadedFile("vereinbarung.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError) as error:
        validate_document(fake)
    assert error.value.messages == ["Der Inhalt der Datei passt nicht zur Endung „.pdf“."]


def test_unknown_extension_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("skript.exe", b"MZ"))
    assert "Dateien vom Typ „.exe“ sind nicht erlaubt." in error.value.messages[0]


def test_oversized_file_is_refused(settings):
    settings.UPLOAD_MAX_SIZE = 1024
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("gross.pdf", MINIMAL_PDF + b" " * 2048))
    assert error.value.messages[0].startswith("Die Datei ist zu groß")
