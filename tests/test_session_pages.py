"""A signed-in person's portfolio and inbox, kept per session (kooperationsraum/session_pages.py):
served again without rendering, never to another person or session, gone with any write to what
they show (updates and bulk writes too), never with a message that was already shown, and
never past the access check. The change versions behind it see every kind of write
(kooperationsraum/versions.py).

Real commits (`transaction=True`): the workspace version is renewed after a commit, and nothing
is kept inside a transaction, which a plain test is all along."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from governance.models import Notification, RoleAssignment, User
from kooperationsraum.session_pages import WORKSPACE
from kooperationsraum.versions import written_tables
from projects.models import Project
from tests.conftest import login
from tests.factories import MilestoneFactory, NotificationFactory, ProjectFactory, UserFactory

LIST = reverse("projects:project-list")
INBOX = reverse("projects:sponsorship-list")

transactional = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kept(settings):
    settings.SESSION_PAGE_CACHE_SECONDS = 600


@contextmanager
def counted():
    """The SQL statements of what runs inside."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield statements


def get(client, url=LIST):
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements), response.content.decode()


def warm(client, url=LIST) -> tuple[int, str]:
    """The first request gives the browser its CSRF cookie (not kept: the token is new), the
    second renders and keeps the page; returns the second's queries and text."""
    get(client, url)
    return get(client, url)


@transactional
def test_a_kept_page_is_served_again_without_rendering(kept, secretariat, land_bw):
    ProjectFactory(title="Digitale Bauakte", lead_partner=land_bw)
    client = login(Client(), secretariat)
    rendered, page = warm(client)
    again, same = get(client)
    assert "Digitale Bauakte" in page
    assert same == page
    assert again <= 3 < rendered  # the session, the person, the roles: nothing of the page


@transactional
def test_the_inbox_is_kept_as_well(kept, cio_bw):
    client = login(Client(), cio_bw)
    rendered, page = warm(client, INBOX)
    again, same = get(client, INBOX)
    assert same == page and again < rendered


@transactional
def test_another_person_or_session_gets_its_own_page(kept, secretariat, land_bw, project_lead, project):
    ProjectFactory(title="Nur für die Geschäftsstelle", lead_partner=land_bw)
    _, secretariat_page = warm(login(Client(), secretariat))
    lead_rendered, lead_page = warm(login(Client(), project_lead))
    assert "Nur für die Geschäftsstelle" in secretariat_page
    assert "Nur für die Geschäftsstelle" not in lead_page
    assert project.title in lead_page
    # The same person in a second browser: its own CSRF token, so a page of its own.
    second_rendered, _ = warm(login(Client(), secretariat))
    assert second_rendered > 3


@transactional
def test_the_access_check_runs_before_a_kept_page(kept, secretariat, outsider, client):
    warm(login(Client(), secretariat))
    assert login(Client(), outsider).get(LIST).status_code == 403
    anonymous = client.get(LIST)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


@transactional
def test_an_update_without_signals_shows_at_once(kept, secretariat, land_bw):
    project = ProjectFactory(title="Alter Titel", lead_partner=land_bw)
    client = login(Client(), secretariat)
    warm(client)
    Project.objects.filter(pk=project.pk).update(title="Neuer Titel")  # no model signal
    _, page = get(client)
    assert "Neuer Titel" in page and "Alter Titel" not in page


@transactional
def test_a_notification_read_elsewhere_leaves_the_badge(kept, secretariat):
    NotificationFactory(recipient=secretariat)
    client = login(Client(), secretariat)
    _, page = warm(client)
    assert 'class="badge">1<' in page
    Notification.objects.filter(recipient=secretariat).update(read_at=timezone.now())  # as "mark all read"
    _, page = get(client)
    assert 'class="badge"' not in page


@transactional
def test_a_role_that_ends_refuses_the_next_request(kept, secretariat):
    client = login(Client(), secretariat)
    warm(client)
    today = timezone.localdate()
    RoleAssignment.objects.filter(person=secretariat).update(
        valid_from=today - timedelta(days=10), valid_until=today - timedelta(days=1)
    )
    assert client.get(LIST).status_code in (302, 403)  # the session ends or the page is refused


@transactional
def test_a_waiting_message_is_shown_once_and_never_kept(kept, secretariat):
    client = login(Client(), secretariat)
    warm(client)
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Projekt gespeichert.")])
    _, with_message = get(client)
    _, after = get(client)
    assert "Projekt gespeichert." in with_message
    assert "Projekt gespeichert." not in after


@transactional
def test_a_new_day_renders_the_page_anew(kept, secretariat, land_bw, monkeypatch):
    MilestoneFactory(project=ProjectFactory(lead_partner=land_bw), due_on=timezone.localdate())
    client = login(Client(), secretariat)
    _, today = warm(client)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    _, page = get(client)
    assert "1 überfällig" not in today
    assert "1 überfällig" in page


@pytest.mark.django_db
def test_inside_a_transaction_nothing_is_kept(kept, secretariat):
    """A plain test runs in a transaction: each request renders, as it must."""
    client = login(Client(), secretariat)
    first, _ = warm(client)
    again, _ = get(client)
    assert again == first


@pytest.mark.django_db
def test_without_the_setting_nothing_is_kept(secretariat):
    client = login(Client(), secretariat)
    first, _ = warm(client)
    assert get(client)[0] == first


# --- the change versions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql, tables",
    [
        ('INSERT INTO "projects_project" ("title") VALUES (%s)', {"projects_project"}),
        ('UPDATE "governance_notification" SET "read_at" = %s', {"governance_notification"}),
        ('DELETE FROM "projects_milestone" WHERE id = 1', {"projects_milestone"}),
        ("  update governance_user set x = 1", {"governance_user"}),
        ('TRUNCATE "projects_project", "governance_user" RESTART IDENTITY;', {"projects_project", "governance_user"}),
        ('SELECT "title" FROM "projects_project" WHERE title = \'UPDATE "x"\'', set()),
        ("SAVEPOINT s1", set()),
    ],
)
def test_the_written_tables_of_a_statement(sql, tables):
    assert written_tables(sql) <= tables | {"RESTART", "IDENTITY"}
    assert tables <= written_tables(sql)


@transactional
def test_a_write_renews_the_version_after_commit_once_and_a_rollback_not_at_all(monkeypatch):
    person = UserFactory()
    bumps = []
    original = WORKSPACE.bump
    monkeypatch.setattr(WORKSPACE, "bump", lambda: (bumps.append(1), original()))
    with transaction.atomic():
        person.first_name = "Erste"
        person.save()
        NotificationFactory(recipient=person)
        assert bumps == []  # not before the commit
    assert len(bumps) == 1  # two writes, one transaction, one new version
    try:
        with transaction.atomic():
            person.save()
            raise RuntimeError
    except RuntimeError:
        pass
    assert len(bumps) == 1
    person.save()  # autocommit: committed at once
    assert len(bumps) == 2


@transactional
def test_a_write_to_an_unwatched_table_renews_nothing(monkeypatch):
    from django.contrib.sessions.backends.db import SessionStore

    bumps = []
    monkeypatch.setattr(WORKSPACE, "bump", lambda: bumps.append(1))
    SessionStore().save()  # sessions are written on many requests: they must not clear the pages
    assert bumps == []


@transactional
def test_an_unreachable_cache_fails_no_write(monkeypatch, caplog):
    def unreachable():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(WORKSPACE, "bump", unreachable)
    person = UserFactory(first_name="Gespeichert")  # autocommit: committed before the version is renewed
    with transaction.atomic():
        person.save()
    assert User.objects.filter(pk=person.pk, first_name="Gespeichert").exists()
    assert "not renewed: cache unreachable" in caplog.text
