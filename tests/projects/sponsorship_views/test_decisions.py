"""CIO sponsorship pages: deciding, withdrawing, revising after a decline, ending, delegating."""

import pytest

from governance.models import AuditEvent, AuditVerb, Role
from projects.models import EndReason, SponsorshipRound, SponsorshipScope, SponsorshipState
from projects.permissions import DECIDE_SPONSORSHIP
from projects.services import sponsorships as services
from tests.conftest import assert_login_redirect, login, person_with_role
from tests.projects.sponsorship_views.helpers import NOT_SEEING, TODAY, flash, fresh, url

pytestmark = pytest.mark.django_db


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
