"""The secretariat's solution workspace: access, readiness and publication, adoptions, inquiries,
and refused input with German messages."""

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
