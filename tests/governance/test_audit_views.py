"""The secretariat's audit trail browser and its CSV export: access, filters, paging, export."""

import csv
import io
from contextlib import contextmanager
from datetime import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Partner
from governance.services.audit import audit_record
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("governance:audit-list")
EXPORT = reverse("governance:audit-export")
# Session, user, roles, unread count, page count, page rows, the two filter choice lists, and room
# for one more: a fixed bound, whatever the number of rows.
MAX_QUERIES = 14  # the export also writes its own audit event


@contextmanager
def occurring_at(moment: datetime):
    """Events recorded inside get this time. The trail is append-only, so the time cannot be
    changed afterwards; instead the field's default (`timezone.now`, bound when the model was
    defined, so patching the module would not reach it) answers with the given moment."""
    field = AuditEvent._meta.get_field("occurred_at")
    with mock.patch.object(field, "_get_default", lambda: moment):
        yield


def record(verb=AuditVerb.ROLE_GRANTED, *, actor=None, target=None, payload=None, at=None):
    with transaction.atomic():
        if at is None:
            return audit_record(verb=verb, actor=actor, target=target, payload=payload)
        with occurring_at(at):
            return audit_record(verb=verb, actor=actor, target=target, payload=payload)


def local(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def listed(response) -> set[int]:
    return {event.pk for event in response.context["page_obj"].object_list}


def export_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [LIST, EXPORT])
@pytest.mark.parametrize("person", ["outsider", "cio_bw", "steering_member"])
def test_people_without_secretariat_role_are_refused(client, request, url, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(url).status_code == 403


def test_secretariat_sees_the_trail(secretariat_client, secretariat, land_bw):
    record(
        AuditVerb.SPONSORSHIP_APPROVED,
        actor=secretariat,
        target=land_bw,
        payload={"reason": "Konzept überzeugt", "seats": 3},
    )
    response = secretariat_client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "Patenschaft übernommen" in page
    assert secretariat.email in page
    assert "Baden-Württemberg" in page
    assert "<dt>reason</dt><dd>Konzept überzeugt</dd>" in page
    assert "<dt>seats</dt><dd>3</dd>" in page
    assert 'href="/arbeitsbereich/protokoll/"' in page  # the nav link for the secretariat


def test_nav_link_only_for_the_secretariat(client, outsider):
    client.force_login(outsider)
    assert 'href="/arbeitsbereich/protokoll/"' not in client.get("/").content.decode()


def test_payload_is_escaped(secretariat_client, secretariat):
    record(actor=secretariat, payload={"<b>key</b>": "<script>alert(1)</script>"})
    page = secretariat_client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;key&lt;/b&gt;" in page


def test_empty_trail_says_so(secretariat_client):
    page = secretariat_client.get(LIST).content.decode()
    assert "Das Protokoll enthält noch keine Einträge." in page


def test_filter_without_match_says_so(secretariat_client, secretariat):
    record(actor=secretariat)
    page = secretariat_client.get(LIST, {"verb": AuditVerb.VOTE_CAST}).content.decode()
    assert "Keine Einträge passen zu diesen Filtern." in page


# --- filters ------------------------------------------------------------------------------------


def test_filter_by_person(secretariat_client, secretariat, cio_bw):
    mine = record(actor=secretariat)
    theirs = record(actor=cio_bw)
    system = record()
    assert listed(secretariat_client.get(LIST, {"actor": cio_bw.pk})) == {theirs.pk}
    assert listed(secretariat_client.get(LIST, {"actor_text": "system"})) == {system.pk}
    assert listed(secretariat_client.get(LIST, {"actor_text": secretariat.email.split("@")[0] + "@"})) == {mine.pk}


def test_person_select_offers_only_people_in_the_trail(secretariat_client, secretariat):
    bystander = UserFactory()
    record(actor=secretariat)
    form = secretariat_client.get(LIST).context["form"]
    assert list(form.fields["actor"].queryset) == [secretariat]
    assert bystander.email not in secretariat_client.get(LIST).content.decode()


def test_filter_by_object_type_and_text(secretariat_client, secretariat, land_bw, mrn):
    person = UserFactory(email="betroffen@example.org")
    about_bw = record(target=land_bw)
    about_mrn = record(target=mrn)
    about_person = record(target=person)
    partner_type = ContentType.objects.get_for_model(Partner)
    assert listed(secretariat_client.get(LIST, {"target_type": partner_type.pk})) == {about_bw.pk, about_mrn.pk}
    assert listed(secretariat_client.get(LIST, {"target": "württemberg"})) == {about_bw.pk}
    user_type = ContentType.objects.get_for_model(person)
    assert listed(secretariat_client.get(LIST, {"target": str(person.pk), "target_type": user_type.pk})) == {
        about_person.pk
    }
    both = secretariat_client.get(LIST, {"target_type": partner_type.pk, "target": str(mrn.pk)})
    assert listed(both) == {about_mrn.pk}


def test_filter_by_verb(secretariat_client):
    granted = record(AuditVerb.ROLE_GRANTED)
    record(AuditVerb.VOTE_CAST)
    assert listed(secretariat_client.get(LIST, {"verb": AuditVerb.ROLE_GRANTED})) == {granted.pk}


def test_filter_by_dates_inclusive_in_local_time(secretariat_client):
    march_1 = record(at=local(2026, 3, 1, hour=0))  # just after midnight in Berlin
    march_2 = record(at=local(2026, 3, 2, hour=23))
    march_5 = record(at=local(2026, 3, 5))
    assert listed(secretariat_client.get(LIST, {"date_from": "02.03.2026"})) == {march_2.pk, march_5.pk}
    assert listed(secretariat_client.get(LIST, {"date_to": "02.03.2026"})) == {march_1.pk, march_2.pk}
    assert listed(secretariat_client.get(LIST, {"date_from": "02.03.2026", "date_to": "02.03.2026"})) == {march_2.pk}
    assert listed(secretariat_client.get(LIST, {"date_from": "2026-03-05"})) == {march_5.pk}


def test_date_to_before_date_from_is_refused_and_does_not_filter(secretariat_client):
    early = record(at=local(2026, 1, 10))
    late = record(at=local(2026, 6, 10))
    response = secretariat_client.get(LIST, {"date_from": "01.06.2026", "date_to": "01.02.2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "Das Datum „bis“ darf nicht vor dem Datum „von“ liegen." in page
    assert "Ungültige Filterangaben wurden nicht angewendet." in page
    assert listed(response) == {early.pk, late.pk}
    assert 'value="01.06.2026"' in page  # what was typed stays in the form


def test_invalid_date_is_refused_and_does_not_filter(secretariat_client):
    event = record(at=local(2026, 1, 10))
    response = secretariat_client.get(LIST, {"date_from": "31.02.2026", "verb": AuditVerb.VOTE_CAST})
    page = response.content.decode()
    assert "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein." in page
    assert listed(response) == set()  # the valid verb filter still applies
    response = secretariat_client.get(LIST, {"date_from": "gestern"})
    assert listed(response) == {event.pk}


def test_unknown_choice_is_refused(secretariat_client):
    event = record()
    response = secretariat_client.get(LIST, {"verb": "nonsense", "actor": "999999"})
    page = response.content.decode()
    assert "Bitte wählen Sie einen Vorgang aus der Liste." in page
    assert "Bitte wählen Sie eine Person aus der Liste." in page
    assert listed(response) == {event.pk}


# --- paging and query count ---------------------------------------------------------------------


def test_pages_of_fifty_keep_the_filters(secretariat_client):
    events = [record(AuditVerb.ROLE_GRANTED) for _ in range(51)]
    record(AuditVerb.VOTE_CAST)
    first = secretariat_client.get(LIST, {"verb": AuditVerb.ROLE_GRANTED})
    assert len(first.context["page_obj"].object_list) == 50
    assert "verb=role.granted&amp;page=2" in first.content.decode()
    second = secretariat_client.get(LIST, {"verb": AuditVerb.ROLE_GRANTED, "page": 2})
    assert listed(second) == {events[0].pk}  # the oldest, newest first


@pytest.mark.parametrize("page, expected", [("999", 2), ("abc", 1), ("-1", 2), ("", 1)])
def test_page_out_of_range_or_not_a_number(secretariat_client, page, expected):
    for _ in range(51):
        record()
    response = secretariat_client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


@pytest.mark.parametrize("count", [5, 100])
def test_list_query_count_does_not_grow_with_rows(
    secretariat_client, secretariat, land_bw, django_assert_max_num_queries, count
):
    for _ in range(count):
        record(actor=secretariat, target=land_bw, payload={"n": 1})
    with django_assert_max_num_queries(MAX_QUERIES):
        response = secretariat_client.get(LIST, {"actor": secretariat.pk, "date_from": "01.01.2000"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(count, 50)


@pytest.mark.parametrize("count", [5, 100])
def test_export_query_count_does_not_grow_with_rows(
    secretariat_client, secretariat, land_bw, django_assert_max_num_queries, count
):
    for _ in range(count):
        record(actor=secretariat, target=land_bw)
    with django_assert_max_num_queries(MAX_QUERIES):
        rows = export_rows(secretariat_client.get(EXPORT, {"actor": secretariat.pk}))
    assert len(rows) == count + 2  # header, the events, and the export itself (by the same person)


# --- CSV export ---------------------------------------------------------------------------------


def test_export_is_a_german_excel_csv_of_the_whole_filtered_set(secretariat_client, secretariat, land_bw):
    for _ in range(60):
        record(AuditVerb.ROLE_GRANTED, actor=secretariat, target=land_bw, payload={"rolle": "cio"})
    record(AuditVerb.VOTE_CAST, actor=secretariat)
    response = secretariat_client.get(EXPORT, {"verb": AuditVerb.ROLE_GRANTED, "page": "1"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="protokoll-')
    rows = export_rows(response)
    assert rows[0] == [
        "Zeitpunkt",
        "Person",
        "Name",
        "Vorgang",
        "Objektart",
        "Objekt-ID",
        "Objekt",
        "IP-Adresse",
        "Browser",
        "Änderung",
    ]
    assert len(rows) == 61  # all of the filter, not one page of fifty
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Person"] == secretariat.email
    assert first["Name"] == secretariat.get_full_name()
    assert first["Vorgang"] == "Rolle vergeben"
    assert first["Objekt"] == "Baden-Württemberg"
    assert first["Objekt-ID"] == str(land_bw.pk)
    assert first["Änderung"] == '{"rolle": "cio"}'
    assert datetime.strptime(first["Zeitpunkt"], "%d.%m.%Y %H:%M:%S")


def test_export_uses_the_same_filters_as_the_list(secretariat_client, secretariat, cio_bw):
    record(actor=secretariat)
    record(actor=cio_bw)
    rows = export_rows(secretariat_client.get(EXPORT, {"actor": cio_bw.pk}))
    assert [row[1] for row in rows[1:]] == [cio_bw.email]
    # An invalid date range filters neither list nor export.
    rows = export_rows(secretariat_client.get(EXPORT, {"date_from": "02.01.2026", "date_to": "01.01.2026"}))
    assert len(rows) == 5  # header, two events, and the two exports that were themselves recorded


def test_export_is_itself_recorded(secretariat_client, secretariat):
    secretariat_client.get(EXPORT, {"verb": AuditVerb.ROLE_GRANTED}, REMOTE_ADDR="192.0.2.5")
    event = AuditEvent.objects.get(verb=AuditVerb.AUDIT_EXPORTED)
    assert (event.actor, event.ip_address) == (secretariat, "192.0.2.5")
    assert event.payload == {"filters": {"verb": "role.granted"}}


def test_refused_export_is_not_recorded(client, cio_bw):
    client.force_login(cio_bw)
    assert client.get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(verb=AuditVerb.AUDIT_EXPORTED).exists()


def test_list_links_to_the_export_with_its_filters(secretariat_client, secretariat):
    record(actor=secretariat)
    page = secretariat_client.get(LIST, {"verb": AuditVerb.ROLE_GRANTED, "page": 1}).content.decode()
    assert 'href="/arbeitsbereich/protokoll/export.csv?verb=role.granted"' in page


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+49 621", "-1+1", "@SUM(A1)"])
def test_export_defuses_formulas(secretariat_client, name):
    partner = PartnerFactory(name=name)
    record(target=partner, payload={"note": "=1+1"})
    row = export_rows(secretariat_client.get(EXPORT, {"verb": AuditVerb.ROLE_GRANTED}))[1]
    assert row[6] == f"'{name}"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
