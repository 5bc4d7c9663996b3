"""Shared fixtures: one per role, and the rule for tests that need a real service.

Under CI (the `CI` variable set) a missing service fails the test; on a developer's machine it
skips, so `make test` works without PostgreSQL, Redis or Chromium installed.
"""

import contextlib
import os
from datetime import timedelta
from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import PartnerKind, Role, State
from tests.factories import PartnerFactory, RoleAssignmentFactory, UserFactory
from tests.files import MINIMAL_PDF, PNG

# The helpers of the URL guard and the access matrix (tests/access/) assert too.
pytest.register_assert_rewrite("tests.access")

__all__ = [
    "MINIMAL_PDF",
    "PNG",
    "assert_login_redirect",
    "clear_cache",
    "data_for_scope",
    "login",
    "person_with_role",
    "require_service",
]

IN_CI = bool(os.environ.get("CI"))


def login(client, person):
    """The client, signed in as `person` (no password round trip: that is tests/test_auth.py)."""
    client.force_login(person)
    return client


def assert_login_redirect(response, next_path: str | None = None) -> None:
    """An anonymous visitor is sent to the login page (and back to `next_path` afterwards)."""
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    if next_path:
        assert response["Location"].endswith(f"?next={next_path}")


def require_service(available: bool, what: str) -> None:
    """Fail under CI, skip elsewhere, when a service the test needs is not there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI but not available")
    pytest.skip(f"{what} not available")


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`--dist loadgroup`) tests that start real services or race on real
    connections run on one worker, one after the other: two of them at once on a small machine
    would starve each other into timeouts. Each browser module is a group of its own (its own
    live server and demo data on the worker's own database), so that the groups spread over both
    workers instead of making one of them the critical path."""
    for item in items:
        if item.get_closest_marker("backing_services"):
            item.add_marker(pytest.mark.xdist_group("real-services"))
        elif item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(f"browser-{item.module.__name__.rsplit('.', 1)[-1]}"))


@contextlib.contextmanager
def data_for_scope(django_db_blocker, make):
    """For a module- or class-scoped fixture: `make()` writes data that stays for the tests of
    that scope and is rolled back at its end; each test (marked `django_db`) runs in a savepoint
    inside. Yields what `make()` returned.

    The foreign-key checks that PostgreSQL defers to the commit are run once, right after
    `make()`: left pending, they would all be checked again at every test's end (Django's
    TestCase closes with `SET CONSTRAINTS ALL IMMEDIATE`, and rolling back the test's savepoint
    puts them back in the queue), some 30 ms per test for the demo data."""
    from django.db import connection, transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            made = make()
            connection.check_constraints()
            yield made
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def seed_demo_data() -> str:
    """`manage.py seed_demo`; its output as text."""
    from django.core.management import call_command

    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo data (`seed_demo`), seeded once for the module and rolled back after it; the
    seeding's output. Every test of the module sees it, so a test that needs an empty database
    belongs in another module (or class, with a class-scoped fixture like this one)."""
    with data_for_scope(django_db_blocker, seed_demo_data) as output:
        yield output


def clear_cache() -> None:
    """Empty this test process's cache only: Redis's FLUSHDB would also wipe a parallel worker's keys
    (`django.core.cache.cache` is a proxy, so the backend is looked at through `caches`)."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache) or not backend.key_prefix:
        backend.clear()  # a local-memory cache belongs to this process alone; so does a serial run's Redis
        return
    client = backend._cache.get_client(None, write=True)
    keys = list(client.scan_iter(match=f"{backend.key_prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _fresh_broker_pause():
    """A failed publish in one test must not make the next one skip its enqueue."""
    from governance.services.notifications import BrokerPause

    BrokerPause.failed_at = None
    yield
    BrokerPause.failed_at = None


def mark_mfa_verified(client, user) -> None:
    """Make a logged-in test client's session count as having passed the second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from governance.middleware import SESSION_PRIVILEGED, session_mark_login
    from governance.permissions import requires_mfa

    device, _ = StaticDevice.objects.get_or_create(user=user, name="test-verified")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # What the login view notes, so that the first request does not write the session.
    session_mark_login(session)
    if requires_mfa(user):
        session[SESSION_PRIVILEGED] = True
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_mfa(request, monkeypatch):
    """`client.force_login` skips the password check, and here the second factor as well, so the
    many tests that log in privileged people keep testing their own subject. A test marked
    `mfa_unverified` gets a session that only passed the password, as after a real login."""
    if request.node.get_closest_marker("mfa_unverified"):
        return
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_mfa_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """Each test sees only the checkpoints it wrote (they live outside the database)."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    settings.PRIVACY_EXPORT_DIR = tmp_path / "privacy-exports"


@pytest.fixture(autouse=True)
def _german_first():
    """Every test starts in the source language: the test client's LocaleMiddleware leaves an
    English request's language active in the thread, and a later test's service messages would
    come out in English."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_change_versions():
    """Rolled-back rows of an earlier test must not be served from the cache (which outlives it);
    a rollback renews no version (kooperationsraum/versions.py)."""
    from kooperationsraum.session_pages import WORKSPACE
    from transfer.caching import bump_catalogue_version

    bump_catalogue_version()
    WORKSPACE.bump()


@pytest.fixture
def land_bw(db):
    return PartnerFactory(name="Baden-Württemberg", slug="bw", kind=PartnerKind.LAND, state=State.BW)


@pytest.fixture
def land_he(db):
    return PartnerFactory(name="Hessen", slug="he", kind=PartnerKind.LAND, state=State.HE)


@pytest.fixture
def mrn(db):
    return PartnerFactory(name="Metropolregion Rhein-Neckar GmbH", slug="mrn", kind=PartnerKind.METROPOLITAN_REGION)


def person_with_role(role: str, partner, **dates):
    person = UserFactory()
    RoleAssignmentFactory(person=person, partner=partner, role=role, **dates)
    return person


@pytest.fixture
def secretariat(mrn):
    return person_with_role(Role.SECRETARIAT, mrn)


@pytest.fixture
def cio_bw(land_bw):
    return person_with_role(Role.CIO, land_bw)


@pytest.fixture
def former_cio_bw(land_bw):
    today = timezone.localdate()
    return person_with_role(
        Role.CIO, land_bw, valid_from=today - timedelta(days=400), valid_until=today - timedelta(days=1)
    )


@pytest.fixture
def steering_member(land_he):
    return person_with_role(Role.STEERING_MEMBER, land_he)


@pytest.fixture
def outsider(db):
    """Logged in, but holds no role at all."""
    return UserFactory()


@pytest.fixture
def project(land_bw):
    from tests.factories import ProjectFactory

    return ProjectFactory(lead_partner=land_bw)


@pytest.fixture
def project_lead(project, secretariat):
    """A person on the project's team as its lead, granted through the service."""
    from projects.models import TeamRole
    from projects.services.projects import project_team_add

    person = UserFactory()
    project_team_add(project=project, person=person, role=TeamRole.LEAD, actor=secretariat)
    return person


# --- clients per role -------------------------------------------------------------------------


@pytest.fixture
def secretariat_client(client, secretariat):
    return login(client, secretariat)


@pytest.fixture
def person(db):
    """Signed in, with no role at all (see `outsider` for the same without a client)."""
    return UserFactory()


@pytest.fixture
def person_client(client, person):
    return login(client, person)
