"""The steering circle's pages: who is served, who is refused, bad input, query counts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.models import (
    AgendaItem,
    Ballot,
    BallotVote,
    Meeting,
    MinutesState,
    Resolution,
    ResolutionResult,
    Role,
    SteeringDocument,
)
from governance.services.steering import ballots, minutes, resolutions
from tests.conftest import person_with_role
from tests.factories import PartnerFactory, UserFactory
from tests.governance.steering import build_circle, decision_item, held_meeting, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


@pytest.fixture
def ballot(c):
    return ballots.ballot_open(circle=c.circle, title="Antrag", motion="Zustimmung.", actor=c.secretariat)


def member_pages(c, meeting, ballot, resolution):
    return [
        reverse("governance:steering-home"),
        reverse("governance:steering-seat-list"),
        reverse("governance:steering-meeting-list"),
        reverse("governance:steering-meeting-detail", args=[meeting.pk]),
        reverse("governance:steering-ballot-list"),
        reverse("governance:steering-ballot-detail", args=[ballot.pk]),
        reverse("governance:steering-resolution-list"),
        reverse("governance:steering-resolution-detail", args=[resolution.pk]),
        reverse("governance:steering-delegation"),
    ]


SECRETARIAT_PAGES = [
    ("governance:steering-rules", False),
    ("governance:steering-request-list", False),
    ("governance:steering-request-create", False),
    ("governance:steering-seat-create", False),
    ("governance:steering-meeting-create", False),
    ("governance:steering-ballot-create", False),
    ("governance:steering-meeting-update", True),
    ("governance:steering-meeting-cancel", True),
    ("governance:steering-item-create", True),
    ("governance:steering-attendance", True),
    ("governance:steering-minutes-edit", True),
]


@pytest.fixture
def scene(c, ballot):
    meeting = held_meeting(c)
    item = decision_item(c, meeting)
    resolution = resolutions.resolution_record(
        agenda_item=item,
        title="",
        text="Beschluss.",
        result=ResolutionResult.ADOPTED,
        visibility="internal",
        actor=c.secretariat,
    )
    return meeting, ballot, resolution


def test_anonymous_goes_to_the_login(client, c, scene):
    for url in member_pages(c, *scene):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["outsider", "project_contact", "cio"])
def test_people_outside_the_circle_are_refused(client, c, scene, who):
    partner = PartnerFactory()
    person = {
        "outsider": UserFactory,
        "project_contact": lambda: person_with_role(Role.PROJECT_CONTACT, partner),
        "cio": lambda: person_with_role(Role.CIO, c.seats["bw"].partner),
    }[who]()
    client.force_login(person)
    for url in member_pages(c, *scene):
        assert client.get(url).status_code == 403, url


def test_members_and_deputies_are_served(client, c, scene):
    for person in (c.holders["bw"], c.deputies["mrn"], c.secretariat):
        client.force_login(person)
        for url in member_pages(c, *scene):
            assert client.get(url).status_code == 200, url


def test_a_member_of_another_circle_gets_404_for_this_circles_objects(client, c, scene):
    from governance.models import SteeringCircle, SteeringSeat

    other = SteeringCircle.objects.create(name="Anderer Kreis", slug="anderer")
    partner = PartnerFactory()
    SteeringSeat.objects.create(circle=other, partner=partner)
    member = person_with_role(Role.STEERING_MEMBER, partner)
    client.force_login(member)
    meeting, ballot, resolution = scene
    for url in member_pages(c, *scene)[3:4] + member_pages(c, *scene)[5:6] + member_pages(c, *scene)[7:8]:
        assert client.get(url).status_code == 404, url


def test_secretariat_pages_refuse_members(client, c, scene):
    meeting = scene[0]
    for name, with_meeting in SECRETARIAT_PAGES:
        url = reverse(name, args=[meeting.pk] if with_meeting else [])
        client.force_login(c.holders["bw"])
        assert client.get(url).status_code == 403, url
        client.force_login(c.secretariat)
        assert client.get(url).status_code == 200, url


def test_member_votes_through_the_page_and_sees_who_voted_not_how(client, c, ballot):
    url = reverse("governance:steering-ballot-detail", args=[ballot.pk])
    client.force_login(c.holders["bw"])
    response = client.post(url, {"seat": c.seats["bw"].pk, "choice": "no"})
    assert response.status_code == 302
    assert BallotVote.objects.get(ballot=ballot).choice == "no"
    client.force_login(c.holders["he"])
    page = client.get(url).content.decode()
    voted = [line for line in page.splitlines() if "hat abgestimmt" in line]
    # who has voted is shown, how is not (the page's own vote form lists the choices, of course)
    assert voted and not any("Nein" in line for line in voted) and "Nein</li>" not in page


def test_second_vote_for_a_seat_is_refused_on_the_page(client, c, ballot):
    url = reverse("governance:steering-ballot-detail", args=[ballot.pk])
    client.force_login(c.holders["bw"])
    client.post(url, {"seat": c.seats["bw"].pk, "choice": "yes"})
    response = client.post(url, {"seat": c.seats["bw"].pk, "choice": "no"})
    assert response.status_code == 200 and "bereits abgestimmt" in response.content.decode()
    assert BallotVote.objects.get().choice == "yes"


def test_deputy_without_delegation_is_refused_with_a_reason(client, c, ballot):
    client.force_login(c.deputies["bw"])
    response = client.post(
        reverse("governance:steering-ballot-detail", args=[ballot.pk]), {"seat": c.seats["bw"].pk, "choice": "no"}
    )
    assert response.status_code == 403 and "Stellvertretung nur nach Übertragung" in response.content.decode()
    assert not BallotVote.objects.exists()


def test_vote_for_another_seat_is_refused_on_the_page(client, c, ballot):
    url = reverse("governance:steering-ballot-detail", args=[ballot.pk])
    client.force_login(c.holders["bw"])
    response = client.post(url, {"seat": c.seats["he"].pk, "choice": "yes"})
    assert response.status_code == 200  # not one of the person's seats: the form refuses it
    assert not BallotVote.objects.exists()


def test_vote_after_the_deadline_shows_a_german_message(client, c, ballot):
    Ballot.objects.filter(pk=ballot.pk).update(
        opened_at=timezone.now() - timedelta(days=20), deadline=timezone.now() - timedelta(minutes=5)
    )
    client.force_login(c.holders["bw"])
    response = client.post(
        reverse("governance:steering-ballot-detail", args=[ballot.pk]), {"seat": c.seats["bw"].pk, "choice": "yes"}
    )
    assert response.status_code == 200
    assert "Frist ist abgelaufen" in response.content.decode()
    assert not BallotVote.objects.exists()


# --- bad input from the issue -------------------------------------------------------------------


def form_post(client, c, name, data, args=(), files=None):
    client.force_login(c.secretariat)
    return client.post(reverse(name, args=args), {**data, **(files or {})})


def test_meeting_in_the_past_is_refused_on_the_page(client, c):
    start = timezone.localtime() - timedelta(days=2)
    response = form_post(
        client,
        c,
        "governance:steering-meeting-create",
        {
            "title": "Alt",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Mainz",
        },
    )
    assert response.status_code == 200
    assert "nicht in der Vergangenheit" in response.content.decode()
    assert not Meeting.objects.exists()


def test_agenda_item_without_a_title_is_refused_on_the_page(client, c):
    meeting = plan_meeting(c)
    response = form_post(
        client, c, "governance:steering-item-create", {"title": "", "kind": "information"}, [meeting.pk]
    )
    assert response.status_code == 200 and "Titel" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_short_deadline_and_missing_motion_are_refused_on_the_page(client, c):
    soon = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = form_post(
        client, c, "governance:steering-ballot-create", {"title": "T", "motion": "Text", "deadline": soon}
    )
    assert "mindestens 3 Tage" in response.content.decode()
    response = form_post(
        client, c, "governance:steering-ballot-create", {"title": "T", "motion": " ", "deadline": soon}
    )
    assert "Beschlussvorschlag" in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"), [("a.exe", b"MZ\x90\x00", "nicht erlaubt"), ("a.pdf", b"MZ\x90", "passt nicht")]
)
def test_forbidden_document_is_refused_on_the_page(client, c, name, content, message):
    meeting = plan_meeting(c)
    item = decision_item(c, meeting)
    response = form_post(
        client,
        c,
        "governance:steering-item-document",
        {"title": "Vorlage"},
        [meeting.pk, item.pk],
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not SteeringDocument.objects.exists()


def test_minutes_edit_after_approval_is_refused_on_the_page(client, c):
    earlier = held_meeting(c, days_ago=30)
    later = held_meeting(c)
    minutes.minutes_circulate(meeting=earlier, actor=c.secretariat)
    minutes.minutes_approve(meeting=earlier, approved_in=later, actor=c.secretariat)
    response = form_post(client, c, "governance:steering-minutes-edit", {"notes": "neu"}, [earlier.pk])
    assert response.status_code == 200 and "genehmigt" in response.content.decode()
    earlier.minutes.refresh_from_db()
    assert earlier.minutes.notes == "" and earlier.minutes.state == MinutesState.APPROVED


def test_resolution_number_forced_by_hand_is_refused(client, c):
    meeting = held_meeting(c)
    item = decision_item(c, meeting)
    response = form_post(
        client,
        c,
        "governance:steering-resolution-record",
        {"text": "Beschluss", "result": "adopted", "visibility": "public", "number": "LK-2026-99"},
        [meeting.pk, item.pk],
    )
    assert response.status_code == 200 and "von Hand" in response.content.decode()
    assert not Resolution.objects.exists()


def test_resolution_recorded_through_the_page(client, c):
    meeting = held_meeting(c)
    item = decision_item(c, meeting)
    response = form_post(
        client,
        c,
        "governance:steering-resolution-record",
        {"text": "Beschluss", "result": "adopted", "visibility": "public", f"vote_{c.seats['bw'].pk}": "yes"},
        [meeting.pk, item.pk],
    )
    assert response.status_code == 302
    assert Resolution.objects.get().number.startswith("LK-")


# --- query counts ---------------------------------------------------------------------------------


def bulk(c, size):
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                circle=c.circle,
                title=f"S{i}",
                starts_at=now + timedelta(days=i - size // 2),
                ends_at=now + timedelta(days=i - size // 2, hours=2),
                place="Mannheim",
            )
            for i in range(size)
        ]
    )
    AgendaItem.objects.bulk_create([AgendaItem(meeting=m, number=1, title="TOP", kind="decision") for m in meetings])
    Ballot.objects.bulk_create(
        [
            Ballot(
                circle=c.circle,
                title=f"U{i}",
                motion="M",
                rules=c.rules,
                deadline=now + timedelta(days=5),
                opened_by=c.secretariat,
            )
            for i in range(size)
        ]
    )
    Resolution.objects.bulk_create(
        [
            Resolution(
                circle=c.circle,
                title=f"B{i}",
                text="T",
                result="adopted",
                number=f"LK-2026-{i:03d}",
                number_year=2026,
                number_seq=i,
                decided_on=timezone.localdate(),
                visibility="public",
            )
            for i in range(size)
        ]
    )


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize(
    "name",
    [
        "governance:steering-meeting-list",
        "governance:steering-ballot-list",
        "governance:steering-resolution-list",
        "governance:steering-home",
    ],
)
def test_list_query_counts_do_not_grow(client, c, size, name, django_assert_max_num_queries):
    bulk(c, size)
    client.force_login(c.holders["bw"])
    client.get(reverse(name))  # warm, as a running process is: the content types are cached per process
    with django_assert_max_num_queries(14):
        response = client.get(reverse(name))
    assert response.status_code == 200
