"""The portfolio export (CSV, Excel) and the CSV import with its preview."""

import pytest

from tests.factories import FocusAreaFactory


@pytest.fixture
def areas(db):
    return [
        FocusAreaFactory(name="Mobile Verwaltung", slug="mobile-verwaltung"),
        FocusAreaFactory(name="Offene Daten", slug="offene-daten"),
    ]
