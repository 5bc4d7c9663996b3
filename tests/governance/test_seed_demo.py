"""`seed_demo` creates accounts with a published password: never under production settings by accident."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from governance.management.commands import seed_demo
from governance.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    """Stands in for the apps' demo modules: this test is about the guard, not the data."""
    calls = []
    monkeypatch.setattr(seed_demo, "import_module", lambda name: SimpleNamespace(seed=lambda: calls.append(name)))
    return calls


def test_refused_under_production_settings(settings, seeded):
    settings.PRODUCTION, settings.DEBUG = True, False
    with pytest.raises(CommandError, match="nur mit DEBUG=1.*--allow-production"):
        call_command("seed_demo", stdout=StringIO())
    assert seeded == [] and not User.objects.exists()


def test_runs_under_production_settings_only_when_asked(settings, seeded):
    settings.PRODUCTION, settings.DEBUG = True, False
    out = StringIO()
    call_command("seed_demo", "--allow-production", stdout=out)
    assert "governance.demo" in seeded and "Demodaten sind auf dem Stand." in out.getvalue()


def test_runs_in_development(settings, seeded):
    settings.PRODUCTION, settings.DEBUG = False, True
    call_command("seed_demo", stdout=StringIO())
    assert "governance.demo" in seeded
