"""Approved minutes as PDF: what they say, and who may download them from the meeting page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Ballot, Meeting, ResolutionResult, Role
from governance.services.steering import ballots, meetings, minutes, resolutions
from reports.builders import build_minutes_pdf
from tests.conftest import person_with_role
from tests.factories import PartnerFactory, UserFactory
from tests.governance.steering import build_circle, decision_item, held_meeting
from tests.reports.test_content import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle(objection_refers=False)


def names(c) -> None:
    for slug, person in [*c.holders.items(), *c.deputies.items()]:
        person.first_name, person.last_name = ("Vera" if person in c.deputies.values() else "Hanna"), slug.upper()
        person.save()


@pytest.fixture
def meeting(c):
    """A held meeting: BW by its holder, HE by its deputy, RP by its holder, MRN absent; a decision
    item with a numbered resolution, a discussion item, a written procedure reported to it."""
    names(c)
    meeting = held_meeting(c, days_ago=30)
    Meeting.objects.filter(pk=meeting.pk).update(chair=c.holders["bw"], title="Lenkungskreis im Herbst")
    meeting.refresh_from_db()
    meetings.attendance_record(
        meeting=meeting,
        present={
            c.seats["bw"].pk: c.holders["bw"],
            c.seats["he"].pk: c.deputies["he"],
            c.seats["rp"].pk: c.holders["rp"],
        },
        actor=c.secretariat,
    )
    item = decision_item(c, meeting, title="Pilot Digitale Kfz-Zulassung")
    resolution = resolutions.resolution_record(
        agenda_item=item,
        title="Erprobung im Rhein-Neckar-Kreis",
        text="Der Lenkungskreis gibt die Erprobung frei.",
        result=ResolutionResult.ADOPTED,
        visibility="public",
        actor=c.secretariat,
    )
    ballot = ballots.ballot_open(
        circle=c.circle, title="Beitritt der Stadt Worms", motion="Zustimmung.", actor=c.secretariat
    )
    for slug in ("bw", "he", "rp"):
        ballots.ballot_vote(ballot=ballot, seat=c.seats[slug], choice="yes", actor=c.holders[slug])
    Ballot.objects.filter(pk=ballot.pk).update(reported_in=meeting)
    minutes.minutes_save(
        meeting=meeting,
        notes="",
        summaries={item.pk: "Die Länder berichten vom Stand der Zulassungsstellen."},
        actor=c.secretariat,
    )
    meeting.resolution_number = resolution.number
    meeting.ballot_number = Ballot.objects.get(pk=ballot.pk).resolution.number
    return meeting


def approve(c, meeting) -> Meeting:
    minutes.minutes_circulate(meeting=meeting, actor=c.secretariat)
    later = held_meeting(c, days_ago=1, attend=("bw", "he", "rp"))
    Meeting.objects.filter(pk=later.pk).update(title="Lenkungskreis im Winter")
    minutes.minutes_approve(meeting=meeting, approved_in=later, actor=c.secretariat)
    return later


def test_the_pdf_states_attendance_items_resolutions_and_written_procedures(c, meeting):
    assert build_minutes_pdf(meeting.pk) is None  # a draft has no PDF
    approve(c, meeting)
    filename, content = build_minutes_pdf(meeting.pk)
    day = timezone.localtime(meeting.starts_at)
    assert filename == f"protokoll-{day:%Y-%m-%d}-{meeting.pk}.pdf"
    reader, text = pdf_text(content)
    flat = re.sub(r"\s+", " ", text)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert "Protokoll: Lenkungskreis im Herbst" in flat
    assert f"{day:%d.%m.%Y}" in flat and "Mannheim, M 1" in flat
    assert "Sitzungsleitung Hanna BW" in flat
    assert "in der Sitzung „Lenkungskreis im Winter“" in flat
    assert "3 von 4 Sitzen vertreten" in flat
    assert "Baden-Württemberg Hanna BW Mitglied" in flat
    assert "Hessen Vera HE Stellvertretung" in flat  # the deputy, as recorded
    assert "Metropolregion Rhein-Neckar GmbH nicht vertreten" in flat
    assert "TOP 1: Pilot Digitale Kfz-Zulassung" in flat
    assert "Die Länder berichten vom Stand der Zulassungsstellen." in flat
    assert f"Beschluss {meeting.resolution_number}: angenommen." in flat
    assert "Der Lenkungskreis gibt die Erprobung frei." in flat
    assert "Beitritt der Stadt Worms" in flat and meeting.ballot_number in flat
    assert meeting.resolution_number != meeting.ballot_number


def download(client, user, meeting):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("reports:minutes-pdf", args=[meeting.pk]))


def test_members_deputies_and_the_secretariat_download_the_approved_minutes(client, c, meeting):
    url = reverse("governance:steering-meeting-detail", args=[meeting.pk])
    pdf_url = reverse("reports:minutes-pdf", args=[meeting.pk])
    client.force_login(c.secretariat)
    assert pdf_url not in client.get(url).content.decode()  # not offered before approval
    assert download(client, c.secretariat, meeting).status_code == 404
    approve(c, meeting)
    assert pdf_url in client.get(url).content.decode()
    for person in (c.secretariat, c.holders["mrn"], c.deputies["he"]):
        response = download(client, person, meeting)
        assert response.status_code == 200, person
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        _reader, text = pdf_text(response.content)
        assert "Pilot Digitale Kfz-Zulassung" in text


def test_everyone_else_is_refused(client, c, meeting, land_bw):
    approve(c, meeting)
    anonymous = download(client, None, meeting)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    cio = person_with_role(Role.CIO, land_bw)
    contact = UserFactory()
    for person in (cio, contact):
        assert download(client, person, meeting).status_code == 403
    # A steering role for a partner without a seat in this circle: its meetings do not exist for them.
    outsider = person_with_role(Role.STEERING_MEMBER, PartnerFactory(slug="ohne-sitz", name="Ohne Sitz"))
    assert download(client, outsider, meeting).status_code == 404
    assert download(client, c.secretariat, Meeting(pk=999999)).status_code == 404
