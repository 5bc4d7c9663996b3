"""A test that reads a page in English must not leave English active for the next test, whose
German messages would otherwise come out in English (tests/conftest.py: `_german_first`)."""

from django.conf import settings
from django.utils import translation


def test_an_english_page_is_read(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'lang="en"' in client.get("/impressum/").content.decode()


def test_the_next_test_starts_in_german():
    assert translation.get_language() == "de"
