"""CIO sponsorship pages: inbox, decision page and its actions, request, attachments, admin.

Every view gets the four checks (anonymous → login; no permission → 403/404; permission → effect;
permission on another object → 404). The services' own matrix lives in test_sponsorship_services.py.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditEvent, AuditVerb, PartnerKind, Role
from projects.models import (
    ContributionKind,
    ContributionState,
    EndReason,
    Participation,
    ParticipationRole,
    Project,
    RoundOutcome,
    Sponsorship,
    SponsorshipAttachment,
    SponsorshipRound,
    SponsorshipScope,
    SponsorshipState,
    TrafficLight,
)
from projects.permissions import DECIDE_SPONSORSHIP
from projects.services import sponsorships as services
from tests.conftest import MINIMAL_PDF, assert_login_redirect, login, person_with_role
from tests.factories import (
    ContributionFactory,
    PartnerFactory,
    ProjectFactory,
    SponsorshipFactory,
    StatusReportFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
INBOX = reverse("projects:sponsorship-list")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def url(name: str, sponsorship, *args) -> str:
    return reverse(f"projects:sponsorship-{name}", args=[sponsorship.pk, *args])


def create_url(project) -> str:
    return reverse("projects:sponsorship-create", args=[project.slug])


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def fresh(sponsorship) -> Sponsorship:
    return Sponsorship.objects.get(pk=sponsorship.pk)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(secretariat, cio_bw, former_cio_bw, land_bw, land_he, project_lead, outsider):
    return {
        "secretariat": secretariat,
        "cio": cio_bw,
        "deputy": person_with_role(Role.CIO_DEPUTY, land_bw),
        "cio_he": person_with_role(Role.CIO, land_he),
        "former_cio": former_cio_bw,
        "steering_member": person_with_role(Role.STEERING_MEMBER, land_bw),
        "project_lead": project_lead,
        "outsider": outsider,
    }


def make_request(project, land, secretariat, **extra) -> Sponsorship:
    data = {
        "scope": SponsorshipScope.BOTH,
        "term_start": TODAY,
        "term_end": None,
        "justification": "Das Land erprobt die Lösung bereits in zwei Kreisen.",
    }
    return services.sponsorship_request(project=project, land=land, actor=secretariat, **{**data, **extra})


@pytest.fixture
def bw_request(project, land_bw, secretariat):
    return make_request(
        project,
        land_bw,
        secretariat,
        attachments=[("Projektskizze", SimpleUploadedFile("skizze.pdf", MINIMAL_PDF, content_type="application/pdf"))],
    )


@pytest.fixture
def he_project(land_he):
    return ProjectFactory(lead_partner=land_he, acronym="HES", title="Hessischer Antragsassistent")


@pytest.fixture
def he_request(he_project, land_he, secretariat):
    return make_request(
        he_project,
        land_he,
        secretariat,
        attachments=[("Hessische Skizze", SimpleUploadedFile("he.pdf", MINIMAL_PDF, content_type="application/pdf"))],
    )


NOT_SEEING = ["cio_he", "former_cio", "steering_member", "project_lead", "outsider"]


# --- the inbox ------------------------------------------------------------------------------------


def listed(response) -> list[int]:
    return [s.pk for s in response.context["page_obj"]]


def test_inbox_sends_anonymous_visitors_to_login(client):
    assert_login_redirect(client.get(INBOX), INBOX)


@pytest.mark.parametrize("role", ["former_cio", "steering_member", "project_lead", "outsider"])
def test_inbox_refuses_people_who_may_see_no_request(client, people, bw_request, role):
    assert login(client, people[role]).get(INBOX).status_code == 403


def test_a_cio_sees_only_requests_of_their_own_land(client, people, bw_request, he_request):
    response = login(client, people["cio_he"]).get(INBOX)
    assert response.status_code == 200
    assert listed(response) == [he_request.pk]
    html = response.content.decode()
    assert he_request.project.title in html and bw_request.project.title not in html
    assert listed(login(client, people["cio"]).get(INBOX)) == [bw_request.pk]
    assert listed(login(client, people["deputy"]).get(INBOX)) == [bw_request.pk]
    assert set(listed(login(client, people["secretariat"]).get(INBOX))) == {bw_request.pk, he_request.pk}


def test_inbox_shows_columns_and_puts_open_requests_first(client, people, project, land_bw, bw_request):
    decided = SponsorshipFactory(
        land=land_bw, state=SponsorshipState.APPROVED, requested_at=timezone.now() + timedelta(hours=1)
    )
    response = login(client, people["cio"]).get(INBOX)
    assert listed(response) == [bw_request.pk, decided.pk]
    html = response.content.decode()
    assert project.acronym in html and project.title in html and "Baden-Württemberg" in html
    assert "Konzeption und Umsetzung" in html and "angefragt" in html and "übernommen" in html
    assert bw_request.requested_at.strftime("%d.%m.%Y") in html
    assert response.context["page_obj"][0].round_count == 1
    assert url("detail", bw_request) in html


def test_inbox_filters_by_state_in_the_url(client, people, land_bw, bw_request):
    approved = SponsorshipFactory(land=land_bw, state=SponsorshipState.APPROVED)
    login(client, people["cio"])
    assert listed(client.get(INBOX, {"state": "approved"})) == [approved.pk]
    assert listed(client.get(INBOX, {"state": "requested"})) == [bw_request.pk]
    response = client.get(INBOX, {"state": "kaputt"})
    assert set(listed(response)) == {approved.pk, bw_request.pk}
    assert "Ungültige Filterangaben" in response.content.decode()


def test_inbox_pages_by_25(client, people, land_bw):
    for _ in range(27):
        SponsorshipFactory(land=land_bw)
    login(client, people["cio"])
    assert len(listed(client.get(INBOX))) == 25
    assert len(listed(client.get(INBOX, {"page": 2}))) == 2


def test_empty_inbox_says_so(client, people):
    response = login(client, people["cio_he"]).get(INBOX)
    assert response.status_code == 200
    assert "Es gibt keine Anfragen zu CIO-Patenschaften" in response.content.decode()


def test_a_delegate_sees_only_the_request_delegated_to_them(client, people, land_bw, bw_request):
    SponsorshipFactory(land=land_bw)
    delegate = people["steering_member"]
    assert login(client, delegate).get(INBOX).status_code == 403
    services.sponsorship_delegate(sponsorship=bw_request, person=delegate, actor=people["cio"])
    assert listed(client.get(INBOX)) == [bw_request.pk]


INBOX_MAX_QUERIES = 11  # with the second factor's device, loaded on every logged-in request


@pytest.mark.parametrize("size", [5, 100])
def test_inbox_query_count_does_not_grow(client, people, land_bw, size, django_assert_max_num_queries):
    projects = ProjectFactory.create_batch(size, lead_partner=land_bw)
    sponsorships = Sponsorship.objects.bulk_create(
        [
            Sponsorship(
                project=p,
                land=land_bw,
                scope=SponsorshipScope.BOTH,
                term_start=TODAY,
                justification="x",
                state=SponsorshipState.REQUESTED,
                requested_by=people["secretariat"],
                requested_at=timezone.now(),
            )
            for p in projects
        ]
    )
    SponsorshipRound.objects.bulk_create(
        [
            SponsorshipRound(
                sponsorship=s,
                number=1,
                scope=s.scope,
                term_start=TODAY,
                justification="x",
                submitted_by=people["secretariat"],
            )
            for s in sponsorships
        ]
    )
    login(client, people["cio"])
    with django_assert_max_num_queries(INBOX_MAX_QUERIES):
        response = client.get(INBOX)
    assert len(listed(response)) == min(size, 25)


def test_nav_link_only_for_people_who_may_use_the_inbox(client, people, bw_request):
    home = reverse("home")
    # The inbox is part of the workspace's own navigation, shown on the workspace pages.
    for role in ("secretariat", "cio", "deputy"):
        assert f'href="{INBOX}"' in login(client, people[role]).get(INBOX).content.decode(), role
    for role in ("former_cio", "outsider", "steering_member"):
        assert f'href="{INBOX}"' not in login(client, people[role]).get(home).content.decode(), role
    contact = person_with_role(Role.PROJECT_CONTACT, bw_request.land)
    services.sponsorship_delegate(sponsorship=bw_request, person=contact, actor=people["cio"])
    assert f'href="{INBOX}"' in login(client, contact).get(INBOX).content.decode()


# --- the decision page ----------------------------------------------------------------------------


def test_mail_link_sends_anonymous_to_login_and_back_to_the_decision_form(client, people, bw_request):
    link = bw_request.get_absolute_url()
    assert link == f"/arbeitsbereich/patenschaften/{bw_request.pk}/"
    response = client.get(link)
    assert_login_redirect(response, link)
    device = TOTPDevice.objects.create(user=people["cio"], name="App", confirmed=True)
    response = client.post(
        response["Location"], {"username": people["cio"].email, "password": "Testpasswort-123"}, follow=True
    )
    # A CIO confirms the login with the second factor, and then lands on the decision form.
    verify = response.redirect_chain[-1][0]
    assert verify.startswith(reverse("governance:mfa-verify"))
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(verify, {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == link
    html = response.content.decode()
    assert url("decide", bw_request) in html
    assert 'value="approve"' in html and 'value="decline"' in html


@pytest.mark.parametrize("role", NOT_SEEING)
def test_decision_page_does_not_exist_for_people_who_may_not_see_it(client, people, bw_request, role):
    assert login(client, people[role]).get(url("detail", bw_request)).status_code == 404


@pytest.mark.parametrize("role", ["cio", "deputy"])
def test_deciders_see_everything_needed_and_the_form(client, people, project, land_bw, land_he, bw_request, role):
    partner = PartnerFactory(name="Stadt Mannheim")
    Participation.objects.create(project=project, partner=partner, role=ParticipationRole.PILOT)
    ContributionFactory(project=project, partner=partner, kind=ContributionKind.PERSON_DAYS, amount=12)
    ContributionFactory(
        project=project,
        partner=partner,
        kind=ContributionKind.EUROS,
        amount=5000,
        state=ContributionState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    StatusReportFactory(
        project=project, schedule=TrafficLight.RED, budget=TrafficLight.GREEN, scope=TrafficLight.YELLOW
    )
    other = SponsorshipFactory(project=project, land=land_he, state=SponsorshipState.APPROVED)
    response = login(client, people[role]).get(url("detail", bw_request))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        project.title,
        project.acronym,
        project.get_phase_display(),
        project.summary,
        "Baden-Württemberg",
        "Stadt Mannheim",
        "Erprobung im Reallabor",
        "Federführung",
        "12 Personentage",
        "5.000 Euro",
        "Konzeption und Umsetzung",
        bw_request.justification,
        "Projektskizze",
        "Runde 1",
        "Hessen",
    ):
        assert text in html, text
    assert all(light in html for light in ("kritisch", "gefährdet", "im Plan"))  # the lights as text
    attachment = bw_request.attachments.get()
    assert url("attachment", bw_request, attachment.pk) in html
    assert url("decide", bw_request) in html
    # A CIO of Baden-Württemberg sees that Hessen sponsors too, but cannot open Hessen's request.
    assert other.get_absolute_url() not in html


def test_secretariat_sees_the_page_without_the_decision_form(client, people, bw_request):
    html = login(client, people["secretariat"]).get(url("detail", bw_request)).content.decode()
    assert url("decide", bw_request) not in html
    assert url("withdraw", bw_request) in html


def test_cio_of_another_land_gets_404_on_this_request(client, people, bw_request, he_request):
    login(client, people["cio"])
    assert client.get(url("detail", he_request)).status_code == 404
    assert client.get(url("detail", bw_request)).status_code == 200


def test_delegate_sees_only_the_delegated_request(client, people, land_bw, bw_request):
    other = SponsorshipFactory(project=ProjectFactory(lead_partner=land_bw), land=land_bw)
    delegate = person_with_role(Role.PROJECT_CONTACT, land_bw)
    services.sponsorship_delegate(sponsorship=bw_request, person=delegate, actor=people["cio"])
    login(client, delegate)
    assert url("decide", bw_request) in client.get(url("detail", bw_request)).content.decode()
    assert client.get(url("detail", other)).status_code == 404
    assert client.post(url("decide", other), {"decision": "approve"}).status_code == 404
    assert fresh(other).state == SponsorshipState.REQUESTED


# --- deciding -------------------------------------------------------------------------------------


def test_decide_sends_anonymous_to_login_and_changes_nothing(client, bw_request):
    assert_login_redirect(client.post(url("decide", bw_request), {"decision": "approve"}))
    assert fresh(bw_request).state == SponsorshipState.REQUESTED


@pytest.mark.parametrize("role", NOT_SEEING)
def test_crafted_decision_by_someone_who_may_not_see_it_is_404(client, people, bw_request, role):
    response = login(client, people[role]).post(url("decide", bw_request), {"decision": "approve", "reason": "x"})
    assert response.status_code == 404
    assert fresh(bw_request).state == SponsorshipState.REQUESTED
    assert not AuditEvent.objects.filter(verb=AuditVerb.SPONSORSHIP_APPROVED).exists()


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_secretariat_may_not_decide(client, people, bw_request, decision):
    response = login(client, people["secretariat"]).post(
        url("decide", bw_request), {"decision": decision, "reason": "x"}
    )
    assert response.status_code == 403
    assert "Über diese Anfrage entscheidet die oder der CIO von Baden-Württemberg" in response.content.decode()
    assert fresh(bw_request).state == SponsorshipState.REQUESTED


def test_decide_is_post_only(client, people, bw_request):
    assert login(client, people["cio"]).get(url("decide", bw_request)).status_code == 405


def test_cio_approves(client, people, bw_request):
    response = login(client, people["cio"]).post(url("decide", bw_request), {"decision": "approve", "reason": ""})
    assert response.status_code == 302 and response["Location"] == bw_request.get_absolute_url()
    sponsorship = fresh(bw_request)
    assert (sponsorship.state, sponsorship.decided_by) == (SponsorshipState.APPROVED, people["cio"])
    assert "Sie haben die CIO-Patenschaft übernommen." in flash(response)


def test_decline_without_reason_shows_the_message_and_changes_nothing(client, people, bw_request):
    response = login(client, people["deputy"]).post(url("decide", bw_request), {"decision": "decline", "reason": "  "})
    assert response.status_code == 200
    assert "Bitte begründen Sie die Ablehnung." in response.content.decode()
    assert fresh(bw_request).state == SponsorshipState.REQUESTED
    assert not AuditEvent.objects.filter(verb=AuditVerb.SPONSORSHIP_DECLINED).exists()


def test_second_decision_is_refused_with_the_services_message(client, people, bw_request):
    services.sponsorship_approve(sponsorship=bw_request, actor=people["cio"], reason="passt")
    response = login(client, people["deputy"]).post(
        url("decide", bw_request), {"decision": "decline", "reason": "doch nicht"}
    )
    assert response.status_code == 200
    assert "Diese Anfrage wurde bereits entschieden" in response.content.decode()
    sponsorship = fresh(bw_request)
    assert (sponsorship.state, sponsorship.decided_by) == (SponsorshipState.APPROVED, people["cio"])
    assert SponsorshipRound.objects.get(sponsorship=bw_request).reason == "passt"


# --- withdrawing ----------------------------------------------------------------------------------


def test_withdraw(client, people, bw_request, he_request):
    assert_login_redirect(client.post(url("withdraw", bw_request)))
    login(client, people["cio"])
    assert client.post(url("withdraw", he_request)).status_code == 404  # another Land's request
    response = client.post(url("withdraw", bw_request))
    assert response.status_code == 403 and "Anfragen zieht die Geschäftsstelle zurück." in response.content.decode()
    assert fresh(bw_request).state == SponsorshipState.REQUESTED
    response = login(client, people["secretariat"]).post(url("withdraw", bw_request), {"reason": "Projekt ruht"})
    assert response.status_code == 302 and "Die Anfrage ist zurückgezogen." in flash(response)
    assert fresh(bw_request).state == SponsorshipState.WITHDRAWN
    assert bw_request.rounds.get().reason == "Projekt ruht"


def test_withdrawing_an_approved_sponsorship_is_refused(client, people, bw_request):
    services.sponsorship_approve(sponsorship=bw_request, actor=people["cio"])
    response = login(client, people["secretariat"]).post(url("withdraw", bw_request))
    assert response.status_code == 302
    assert any("kann nicht zurückgezogen werden" in message for message in flash(response))
    assert fresh(bw_request).state == SponsorshipState.APPROVED


@pytest.mark.parametrize("role", NOT_SEEING)
def test_crafted_withdraw_by_someone_who_may_not_see_it_is_404(client, people, bw_request, role):
    assert login(client, people[role]).post(url("withdraw", bw_request)).status_code == 404
    assert fresh(bw_request).state == SponsorshipState.REQUESTED


# --- revising after a decline ---------------------------------------------------------------------


@pytest.fixture
def declined(bw_request, people):
    return services.sponsorship_decline(sponsorship=bw_request, actor=people["cio"], reason="Umfang unklar")


def test_resubmit_access(client, people, declined, he_request):
    assert_login_redirect(client.get(url("resubmit", declined)))
    login(client, people["cio"])
    assert client.get(url("resubmit", he_request)).status_code == 404
    response = client.get(url("resubmit", declined))
    assert response.status_code == 403 and "Patenschaften fragt die Geschäftsstelle an." in response.content.decode()
    assert client.post(url("resubmit", declined), {"scope": "concept"}).status_code == 403
    for role in NOT_SEEING:
        assert login(client, people[role]).post(url("resubmit", declined)).status_code == 404, role
    assert fresh(declined).state == SponsorshipState.DECLINED


def test_resubmit_form_is_prefilled_and_sends_a_new_round(client, people, declined):
    login(client, people["secretariat"])
    response = client.get(url("resubmit", declined))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["justification"].value() == declined.justification
    assert form["scope"].value() == SponsorshipScope.BOTH
    response = client.post(
        url("resubmit", declined),
        {
            "scope": "concept",
            "term_start": TODAY.strftime("%d.%m.%Y"),
            "term_end": "",
            "justification": "Nur die Konzeption.",
        },
    )
    assert response.status_code == 302
    sponsorship = fresh(declined)
    assert (sponsorship.state, sponsorship.scope) == (SponsorshipState.REQUESTED, SponsorshipScope.CONCEPT)
    assert sponsorship.rounds.count() == 2


def test_resubmit_with_term_end_before_start_changes_nothing(client, people, declined):
    response = login(client, people["secretariat"]).post(
        url("resubmit", declined),
        {"scope": "concept", "term_start": "01.06.2026", "term_end": "01.05.2026", "justification": "x"},
    )
    assert response.status_code == 200
    assert "Die Laufzeit kann nicht enden, bevor sie beginnt." in response.context["form"].errors["term_end"]
    assert fresh(declined).state == SponsorshipState.DECLINED and declined.rounds.count() == 1


def test_resubmit_of_an_open_request_goes_back_with_a_message(client, people, bw_request):
    response = login(client, people["secretariat"]).get(url("resubmit", bw_request))
    assert response.status_code == 302
    assert "Überarbeiten lässt sich nur eine abgelehnte Anfrage." in flash(response)


# --- ending ---------------------------------------------------------------------------------------


@pytest.fixture
def approved(bw_request, people):
    return services.sponsorship_approve(sponsorship=bw_request, actor=people["cio"])


def test_end_access(client, people, approved, he_request):
    assert_login_redirect(client.get(url("end", approved)))
    assert_login_redirect(client.post(url("end", approved), {"reason": EndReason.COMPLETED}))
    login(client, people["deputy"])
    response = client.post(url("end", approved), {"reason": EndReason.COMPLETED})
    assert response.status_code == 403
    assert "Eine Patenschaft beenden die Geschäftsstelle oder die oder der CIO des Landes." in response.content.decode()
    assert login(client, people["cio"]).get(url("end", he_request)).status_code == 404
    for role in NOT_SEEING:
        assert login(client, people[role]).post(url("end", approved), {"reason": "completed"}).status_code == 404
    assert fresh(approved).state == SponsorshipState.APPROVED


@pytest.mark.parametrize("role", ["secretariat", "cio"])
def test_end_by_secretariat_or_the_lands_cio(client, people, approved, role):
    login(client, people[role])
    response = client.get(url("end", approved))
    assert response.status_code == 200 and "Projekt abgeschlossen" in response.content.decode()
    response = client.post(url("end", approved), {"reason": EndReason.HANDED_OVER, "note": "an Hessen"})
    assert response.status_code == 302
    sponsorship = fresh(approved)
    assert (sponsorship.state, sponsorship.end_reason) == (SponsorshipState.ENDED, EndReason.HANDED_OVER)
    assert AuditEvent.objects.get(verb=AuditVerb.SPONSORSHIP_ENDED).payload["note"] == "an Hessen"


def test_end_without_reason_shows_an_error(client, people, approved):
    response = login(client, people["secretariat"]).post(url("end", approved), {"reason": ""})
    assert response.status_code == 200
    assert "Bitte wählen Sie den Grund des Endes." in response.content.decode()
    assert fresh(approved).state == SponsorshipState.APPROVED


# --- delegating -----------------------------------------------------------------------------------


def has_grant(person, sponsorship) -> bool:
    from projects.models import SponsorshipUserObjectPermission

    return SponsorshipUserObjectPermission.objects.filter(
        user=person, content_object=sponsorship, permission__codename=DECIDE_SPONSORSHIP
    ).exists()


def test_delegate_access(client, people, bw_request, he_request):
    person = person_with_role(Role.STEERING_DEPUTY, bw_request.land)
    assert_login_redirect(client.post(url("delegate", bw_request), {"person": person.pk}))
    response = login(client, people["deputy"]).post(url("delegate", bw_request), {"person": person.pk})
    assert response.status_code == 403 and "Nur die oder der CIO des Landes" in response.content.decode()
    response = login(client, people["secretariat"]).post(url("delegate", bw_request), {"person": person.pk})
    assert response.status_code == 403
    assert login(client, people["cio"]).post(url("delegate", he_request), {"person": person.pk}).status_code == 404
    for role in NOT_SEEING:
        assert login(client, people[role]).post(url("delegate", bw_request), {"person": person.pk}).status_code == 404
    assert not has_grant(person, bw_request) and not has_grant(person, he_request)
    services.sponsorship_delegate(sponsorship=bw_request, person=person, actor=people["cio"])
    assert_login_redirect(client.logout() or client.post(url("revoke-delegation", bw_request), {"person": person.pk}))
    for role in NOT_SEEING:
        response = login(client, people[role]).post(url("revoke-delegation", bw_request), {"person": person.pk})
        assert response.status_code == 404, role
    assert (
        login(client, people["deputy"]).post(url("revoke-delegation", bw_request), {"person": person.pk}).status_code
        == 403
    )
    assert has_grant(person, bw_request)


def test_cio_delegates_and_revokes(client, people, bw_request):
    person = person_with_role(Role.STEERING_DEPUTY, bw_request.land)
    person.first_name, person.last_name = "Dana", "Delegiert"
    person.save()
    login(client, people["cio"])
    assert "Entscheidung übertragen" in client.get(url("detail", bw_request)).content.decode()
    response = client.post(url("delegate", bw_request), {"person": person.pk})
    assert response.status_code == 302 and has_grant(person, bw_request)
    html = client.get(url("detail", bw_request)).content.decode()
    assert "Dana Delegiert" in html and url("revoke-delegation", bw_request) in html
    assert login(client, person).get(url("detail", bw_request)).status_code == 200
    login(client, people["cio"]).post(url("revoke-delegation", bw_request), {"person": person.pk})
    assert not has_grant(person, bw_request)
    assert login(client, person).get(url("detail", bw_request)).status_code == 404


# --- requesting -----------------------------------------------------------------------------------


def request_data(land, **extra) -> dict:
    return {
        "land": land.pk,
        "scope": SponsorshipScope.EXECUTION,
        "term_start": "01.02.2026",
        "term_end": "31.12.2027",
        "justification": "Das Land trägt die Umsetzung.",
        **extra,
    }


def test_create_access(client, people, project, land_bw):
    assert_login_redirect(client.get(create_url(project)))
    assert_login_redirect(client.post(create_url(project), request_data(land_bw)))
    assert login(client, people["project_lead"]).get(create_url(project)).status_code == 403
    assert client.post(create_url(project), request_data(land_bw)).status_code == 403
    for role in ("outsider", "cio", "former_cio"):  # they do not see the project in the workspace
        assert login(client, people[role]).post(create_url(project), request_data(land_bw)).status_code == 404
    login(client, people["secretariat"])
    assert client.get(reverse("projects:sponsorship-create", args=["gibt-es-nicht"])).status_code == 404
    assert not Sponsorship.objects.exists()


def test_secretariat_requests_with_german_dates_and_attachments(client, people, project, land_bw, land_he):
    city = PartnerFactory(kind=PartnerKind.CITY, name="Stadt Heidelberg")
    login(client, people["secretariat"])
    response = client.get(create_url(project))
    assert response.status_code == 200
    land_choices = list(response.context["form"].fields["land"].queryset)
    assert land_choices == [land_bw, land_he] and city not in land_choices
    data = request_data(
        land_bw,
        attachment_1_title="Projektskizze",
        attachment_1_file=SimpleUploadedFile("skizze.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    response = client.post(create_url(project), data)
    sponsorship = Sponsorship.objects.get()
    assert response.status_code == 302 and response["Location"] == sponsorship.get_absolute_url()
    assert "Die Anfrage ist an Baden-Württemberg gesendet." in flash(response)
    assert (sponsorship.state, sponsorship.term_start.isoformat(), sponsorship.term_end.isoformat()) == (
        SponsorshipState.REQUESTED,
        "2026-02-01",
        "2027-12-31",
    )
    assert list(sponsorship.attachments.values_list("title", flat=True)) == ["Projektskizze"]


def test_term_end_before_start_is_a_form_error(client, people, project, land_bw):
    response = login(client, people["secretariat"]).post(
        create_url(project), request_data(land_bw, term_start="01.06.2026", term_end="01.05.2026")
    )
    assert response.status_code == 200
    assert "Die Laufzeit kann nicht enden, bevor sie beginnt." in response.context["form"].errors["term_end"]
    assert not Sponsorship.objects.exists()


def test_second_open_request_for_the_same_project_and_land_is_refused(client, people, project, land_bw, bw_request):
    response = login(client, people["secretariat"]).post(create_url(project), request_data(land_bw))
    assert response.status_code == 200
    assert (
        "Für dieses Projekt und dieses Land gibt es bereits eine offene Anfrage oder eine laufende Patenschaft."
    ) in response.context["form"].errors["land"]
    assert Sponsorship.objects.count() == 1


def test_a_partner_that_is_not_a_land_is_refused(client, people, project):
    city = PartnerFactory(kind=PartnerKind.CITY)
    response = login(client, people["secretariat"]).post(create_url(project), request_data(city))
    assert response.status_code == 200
    assert "Bitte wählen Sie ein Land aus der Liste." in response.context["form"].errors["land"]
    assert not Sponsorship.objects.exists()


def test_a_renamed_executable_is_refused_and_nothing_is_saved(client, people, project, land_bw, tmp_path):
    data = request_data(
        land_bw,
        attachment_1_title="Anlage",
        attachment_1_file=SimpleUploadedFile("antrag.pdf", EXE, content_type="application/pdf"),
    )
    response = login(client, people["secretariat"]).post(create_url(project), data)
    assert response.status_code == 200
    assert "Der Inhalt der Datei passt nicht zur Endung „.pdf“." in response.context["form"].errors["attachment_1_file"]
    assert not Sponsorship.objects.exists() and not SponsorshipAttachment.objects.exists()
    assert not list(tmp_path.rglob("antrag*"))


def test_missing_fields_and_attachment_title_are_german_errors(client, people, project, land_bw):
    data = {
        "land": "",
        "scope": "",
        "term_start": "32.13.2026",
        "justification": "",
        "attachment_2_file": SimpleUploadedFile("skizze.pdf", MINIMAL_PDF, content_type="application/pdf"),
    }
    response = login(client, people["secretariat"]).post(create_url(project), data)
    errors = response.context["form"].errors
    assert errors["land"] == ["Bitte wählen Sie das Land."]
    assert errors["scope"] == ["Bitte wählen Sie den Umfang der Patenschaft."]
    assert errors["term_start"] == ["Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein."]
    assert errors["justification"] == ["Bitte begründen Sie die Anfrage."]
    assert errors["attachment_2_title"] == ["Bitte geben Sie der Anlage einen Titel."]
    assert not Sponsorship.objects.exists()


# --- attachments ----------------------------------------------------------------------------------


def test_attachment_download(client, people, bw_request, he_request):
    attachment = bw_request.attachments.get()
    other = he_request.attachments.get()
    assert_login_redirect(client.get(url("attachment", bw_request, attachment.pk)))
    for role in NOT_SEEING:
        assert login(client, people[role]).get(url("attachment", bw_request, attachment.pk)).status_code == 404
    login(client, people["cio"])
    response = client.get(url("attachment", bw_request, attachment.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert client.get(url("attachment", he_request, other.pk)).status_code == 404  # another Land
    assert client.get(url("attachment", bw_request, other.pk)).status_code == 404  # not this request's
    assert login(client, people["secretariat"]).get(url("attachment", he_request, other.pk)).status_code == 200


# --- the whole round trip -------------------------------------------------------------------------


def test_round_trip_request_decline_revise_approve_end(client, people, project, land_bw):
    login(client, people["secretariat"])
    response = client.post(create_url(project), request_data(land_bw, scope=SponsorshipScope.BOTH))
    sponsorship = Sponsorship.objects.get()
    assert response["Location"] == sponsorship.get_absolute_url()

    login(client, people["cio"])
    assert (
        client.post(url("decide", sponsorship), {"decision": "decline", "reason": "Umfang zu groß"}).status_code == 302
    )
    assert fresh(sponsorship).state == SponsorshipState.DECLINED

    login(client, people["secretariat"])
    assert url("resubmit", sponsorship) in client.get(url("detail", sponsorship)).content.decode()
    assert (
        client.post(
            url("resubmit", sponsorship),
            {
                "scope": SponsorshipScope.CONCEPT,
                "term_start": "01.03.2026",
                "term_end": "",
                "justification": "Nur die Konzeption.",
            },
        ).status_code
        == 302
    )

    login(client, people["deputy"])
    assert (
        client.post(url("decide", sponsorship), {"decision": "approve", "reason": "So tragen wir es."}).status_code
        == 302
    )
    assert fresh(sponsorship).state == SponsorshipState.APPROVED

    login(client, people["secretariat"])
    assert client.post(url("end", sponsorship), {"reason": EndReason.COMPLETED}).status_code == 302
    assert fresh(sponsorship).state == SponsorshipState.ENDED

    response = client.get(url("detail", sponsorship))
    html = response.content.decode()
    rounds = list(response.context["sponsorship"].rounds.all())
    assert [(r.number, r.scope, r.outcome, r.decided_by) for r in rounds] == [
        (1, SponsorshipScope.BOTH, RoundOutcome.DECLINED, people["cio"]),
        (2, SponsorshipScope.CONCEPT, RoundOutcome.APPROVED, people["deputy"]),
    ]
    for text in (
        "Runde 1",
        "Runde 2",
        "Umfang zu groß",
        "So tragen wir es.",
        "Nur die Konzeption.",
        "beendet",
        "Projekt abgeschlossen",
    ):
        assert text in html, text
    assert list(
        AuditEvent.objects.filter(verb__startswith="sponsorship.").order_by("id").values_list("verb", flat=True)
    ) == [
        AuditVerb.SPONSORSHIP_REQUESTED,
        AuditVerb.SPONSORSHIP_DECLINED,
        AuditVerb.SPONSORSHIP_REQUESTED,
        AuditVerb.SPONSORSHIP_APPROVED,
        AuditVerb.SPONSORSHIP_ENDED,
    ]


# --- the project page -----------------------------------------------------------------------------


def test_project_page_lists_sponsorships_and_offers_the_request_to_the_secretariat(client, people, project, bw_request):
    project_url = reverse("projects:project-detail", args=[project.slug])
    html = login(client, people["secretariat"]).get(project_url).content.decode()
    assert create_url(project) in html and "CIO-Patenschaft anfragen" in html
    assert bw_request.get_absolute_url() in html
    html = login(client, people["project_lead"]).get(project_url).content.decode()
    assert "Baden-Württemberg" in html and "angefragt" in html
    assert create_url(project) not in html and bw_request.get_absolute_url() not in html


# --- Django admin: read-only --------------------------------------------------------------------


def test_admin_shows_sponsorships_to_the_secretariat_but_never_changes_them(client, people, bw_request):
    login(client, people["secretariat"])
    change = reverse("admin:projects_sponsorship_change", args=[bw_request.pk])
    assert client.get(change).status_code == 200
    response = client.post(
        change, {"state": SponsorshipState.APPROVED, "justification": "geändert", "scope": SponsorshipScope.CONCEPT}
    )
    assert response.status_code == 403
    delete = reverse("admin:projects_sponsorship_delete", args=[bw_request.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    sponsorship = fresh(bw_request)
    assert (sponsorship.state, sponsorship.scope) == (SponsorshipState.REQUESTED, SponsorshipScope.BOTH)
    assert Project.objects.filter(pk=bw_request.project_id).exists()
