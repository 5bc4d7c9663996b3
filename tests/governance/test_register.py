"""The public register of resolutions (/beschluesse/) and the meeting calendar (/sitzungen/):
what the public sees, and that nothing internal and no person is shown (rule 6)."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from governance.models import Resolution
from tests.governance.register_data import SECRETS, build_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return build_register()


def text_of(response) -> str:
    return response.content.decode()


def assert_no_secrets(body: str) -> None:
    leaked = [secret for secret in SECRETS if secret in body]
    assert not leaked, leaked


def test_register_lists_public_resolutions_only_with_way_and_public_project(client, register):
    response = client.get(reverse("register:resolution-list"))
    body = text_of(response)
    assert response.status_code == 200
    assert "LK-2026-01" in body and "Verstetigung der Kfz-Zulassung" in body
    assert "LK-2026-04" in body and "Umlaufverfahren" in body
    assert "12. Sitzung des Lenkungskreises" in body  # the way: decided in that meeting
    assert (
        "Digitale Kfz-Zulassung" in body
        and reverse("transfer:project-detail", args=[register.public_project.slug]) in body
    )
    assert "2 öffentliche Beschlüsse" in body
    for hidden in ("LK-2026-02", "LK-2026-03"):
        assert hidden not in body
    assert_no_secrets(body)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"q": "Telemedizin"}, ["LK-2026-04"], ["LK-2026-01"]),
        ({"q": "lk-2026-01"}, ["LK-2026-01"], ["LK-2026-04"]),
        ({"focus_area": "mobil"}, ["LK-2026-01"], ["LK-2026-04"]),
        ({"year": "2026"}, ["LK-2026-01", "LK-2026-04"], []),
    ],
)
def test_register_search_and_filters(client, register, query, shown, hidden):
    body = text_of(client.get(reverse("register:resolution-list"), query))
    for number in shown:
        assert number in body
    for number in hidden:
        assert number not in body


def test_an_invalid_filter_is_named_and_ignored(client, register):
    body = text_of(client.get(reverse("register:resolution-list"), {"year": "1999", "focus_area": "gibtsnicht"}))
    assert "Nicht angewendet, weil der Wert ungültig ist: Jahr, Arbeitsschwerpunkt." in body
    assert "LK-2026-01" in body


def test_an_empty_search_says_so(client, register):
    body = text_of(client.get(reverse("register:resolution-list"), {"q": "Quantencomputer"}))
    assert "Kein öffentlicher Beschluss passt zu Ihrer Auswahl." in body


def test_resolution_page_shows_text_and_internal_ones_are_not_found(client, register):
    response = client.get(reverse("register:resolution-detail", args=["LK-2026-01"]))
    assert response.status_code == 200
    assert "Der Lenkungskreis beschließt: Verstetigung der Kfz-Zulassung." in text_of(response)
    assert_no_secrets(text_of(response))
    for number in ("LK-2026-02", "LK-2026-03", "LK-2099-99"):
        assert client.get(reverse("register:resolution-detail", args=[number])).status_code == 404


def test_register_page_in_english(client, register):
    client.cookies["django_language"] = "en"
    body = text_of(client.get(reverse("register:resolution-list"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Resolutions of the steering circle" in body
    assert 'lang="de"' in body  # entered titles keep their language (WCAG 3.1.2)


def test_register_query_count_does_not_grow_with_the_list(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("register:resolution-list"))
    template = Resolution.objects.get(number="LK-2026-01")
    for seq in range(10, 40):
        template.pk = None
        template.agenda_item = None
        template.number, template.number_seq = f"LK-2026-{seq}", seq
        template.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("register:resolution-list"))


def test_atom_feed_carries_public_resolutions_only(client, register):
    response = client.get(reverse("register:resolution-feed"))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "LK-2026-01: Verstetigung der Kfz-Zulassung" in titles
    assert "LK-2026-04: Arbeitsschwerpunkt Telemedizin" in titles
    assert_no_secrets(response.content.decode())


def test_calendar_shows_invited_meetings_with_public_items_only(client, register):
    response = client.get(reverse("register:meeting-list"))
    body = text_of(response)
    assert response.status_code == 200
    assert "13. Sitzung des Lenkungskreises" in body and "Bericht der Geschäftsstelle" in body
    assert "12. Sitzung des Lenkungskreises" in body and "Gate Verstetigung Kfz-Zulassung" in body
    assert "Abgesagte Sondersitzung" in body and "abgesagt" in body
    assert_no_secrets(body)


def test_meeting_page_public_documents_and_planned_meeting_not_found(client, register):
    response = client.get(reverse("register:meeting-detail", args=[register.past.pk]))
    body = text_of(response)
    assert response.status_code == 200
    assert "Gate-Bericht Kfz" in body and "LK-2026-01" in body
    assert_no_secrets(body)
    assert client.get(reverse("register:meeting-detail", args=[register.planned.pk])).status_code == 404


def test_public_document_downloads_and_internal_one_is_not_found(client, register):
    response = client.get(reverse("register:document", args=[register.public_document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("register:document", args=[register.internal_document.pk])).status_code == 404


def test_meeting_ics_has_the_invitation_uid(client, register):
    response = client.get(reverse("register:meeting-ics", args=[register.upcoming.pk]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert f"UID:meeting-{register.upcoming.uid}@kooperationsraum" in body.replace("\r\n ", "")
    assert "METHOD:PUBLISH" in body
    assert client.get(reverse("register:meeting-ics", args=[register.planned.pk])).status_code == 404
