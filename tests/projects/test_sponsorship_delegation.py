"""Rule 1, delegation: a CIO hands one open decision only to someone acting for the same Land;
and every notification about a decision links its recipient to a page they may open."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import Notification, NotificationKind, Role
from projects.models import SponsorshipScope, SponsorshipState, TeamRole
from projects.permissions import delegate_candidates, may_decide_sponsorship
from projects.services import sponsorships as services
from projects.services.projects import project_team_add
from tests.conftest import person_with_role
from tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(secretariat, cio_bw, land_bw, land_he, project_lead, outsider):
    return {
        "secretariat": secretariat,
        "cio": cio_bw,
        "deputy": person_with_role(Role.CIO_DEPUTY, land_bw),
        "steering_member": person_with_role(Role.STEERING_MEMBER, land_bw),
        "steering_deputy": person_with_role(Role.STEERING_DEPUTY, land_bw),
        "land_contact": person_with_role(Role.PROJECT_CONTACT, land_bw),
        "cio_he": person_with_role(Role.CIO, land_he),
        "steering_he": person_with_role(Role.STEERING_MEMBER, land_he),
        "project_lead": project_lead,
        "outsider": outsider,
    }


@pytest.fixture
def bw_request(project, land_bw, secretariat):
    return services.sponsorship_request(
        project=project,
        land=land_bw,
        scope=SponsorshipScope.BOTH,
        term_start=timezone.localdate(),
        term_end=None,
        justification="Pilot läuft.",
        actor=secretariat,
    )


ALLOWED = ["deputy", "steering_member", "steering_deputy", "land_contact"]
REFUSED = ["secretariat", "cio", "cio_he", "steering_he", "project_lead", "outsider"]


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_service_delegates_only_to_people_acting_for_the_land(people, bw_request, role):
    person = people[role]
    if role in ALLOWED:
        services.sponsorship_delegate(sponsorship=bw_request, person=person, actor=people["cio"])
        assert may_decide_sponsorship(person, bw_request)
    else:
        with pytest.raises(ValidationError):
            services.sponsorship_delegate(sponsorship=bw_request, person=person, actor=people["cio"])
        # The CIO decides by role anyway; nobody else gained the right.
        assert may_decide_sponsorship(person, bw_request) is (role == "cio")


def test_refusals_say_why(people, bw_request, land_bw, land_he):
    def refusal(person) -> str:
        try:
            services.sponsorship_delegate(sponsorship=bw_request, person=person, actor=people["cio"])
        except ValidationError as error:
            return " ".join(error.messages)
        raise AssertionError("delegation was accepted")

    assert "bereits selbst" in refusal(people["cio"])
    assert "angefragt" in refusal(people["secretariat"])
    assert "Team des Projekts" in refusal(people["project_lead"])
    assert "für Baden-Württemberg handelt" in refusal(people["cio_he"])
    # Also a role for Baden-Württemberg does not help someone who acts for Hessen as well.
    both = person_with_role(Role.STEERING_MEMBER, land_bw)
    RoleAssignmentFactory(person=both, partner=land_he, role=Role.PROJECT_CONTACT)
    assert "für Baden-Württemberg handelt" in refusal(both)


def test_a_team_member_of_the_project_is_refused_even_with_a_land_role(people, bw_request, project, secretariat):
    contact = people["land_contact"]
    project_team_add(project=project, person=contact, role=TeamRole.CONTACT, actor=secretariat)
    with pytest.raises(ValidationError, match="Team des Projekts"):
        services.sponsorship_delegate(sponsorship=bw_request, person=contact, actor=people["cio"])


def test_a_delegation_ends_when_its_holder_joins_the_project_team(people, bw_request, project, secretariat):
    contact = people["land_contact"]
    services.sponsorship_delegate(sponsorship=bw_request, person=contact, actor=people["cio"])
    project_team_add(project=project, person=contact, role=TeamRole.CONTACT, actor=secretariat)
    with pytest.raises(PermissionDenied, match="CIO von Baden-Württemberg"):
        services.sponsorship_approve(sponsorship=bw_request, actor=contact)


@pytest.mark.parametrize("state", [SponsorshipState.APPROVED, SponsorshipState.DECLINED, SponsorshipState.WITHDRAWN])
def test_only_an_open_request_can_be_delegated(people, bw_request, state):
    type(bw_request).objects.filter(pk=bw_request.pk).update(state=state)
    with pytest.raises(ValidationError, match="offene Anfrage"):
        services.sponsorship_delegate(sponsorship=bw_request, person=people["deputy"], actor=people["cio"])
    assert not may_decide_sponsorship(people["steering_member"], bw_request)


def test_the_delegate_is_notified_with_a_link_to_the_request(people, bw_request, django_capture_on_commit_callbacks):
    person = people["steering_member"]
    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_delegate(sponsorship=bw_request, person=person, actor=people["cio"])
    notification = Notification.objects.get(recipient=person)
    assert notification.kind == NotificationKind.SPONSORSHIP_REQUEST
    assert notification.link == bw_request.get_absolute_url()
    assert people["cio"].get_full_name() in notification.body_de and "Baden-Württemberg" in notification.body_de


def test_candidates_are_exactly_the_allowed_people(people, bw_request):
    offered = set(delegate_candidates(bw_request, delegator=people["cio"]))
    assert offered == {people[role] for role in ALLOWED}


# --- the page --------------------------------------------------------------------------------------


def delegate_url(sponsorship) -> str:
    return reverse("projects:sponsorship-delegate", args=[sponsorship.pk])


def test_the_form_offers_only_allowed_people_by_name_without_address(client, people, bw_request):
    client.force_login(people["cio"])
    html = client.get(bw_request.get_absolute_url()).content.decode()
    form_html = html[html.index('id="delegation"') :]
    for role in ALLOWED:
        assert people[role].get_full_name() in form_html, role
        assert people[role].email not in form_html, role
    for role in ["cio_he", "steering_he", "project_lead", "outsider", "secretariat"]:
        assert f'value="{people[role].pk}"' not in form_html, role


@pytest.mark.parametrize("role", ["steering_deputy", "cio_he", "project_lead", "outsider"])
def test_the_page_accepts_the_allowed_and_refuses_the_rest(client, people, bw_request, role):
    client.force_login(people["cio"])
    response = client.post(delegate_url(bw_request), {"person": people[role].pk})
    assert response.status_code == 302
    assert may_decide_sponsorship(people[role], bw_request) is (role == "steering_deputy")


def test_the_page_refuses_delegation_of_a_decided_request(client, people, bw_request):
    services.sponsorship_approve(sponsorship=bw_request, actor=people["cio"])
    client.force_login(people["cio"])
    response = client.post(delegate_url(bw_request), {"person": people["steering_member"].pk}, follow=True)
    assert not may_decide_sponsorship(people["steering_member"], bw_request)
    assert "nur die Entscheidung über eine offene Anfrage" in response.content.decode()


# --- notification links (finding 9) ----------------------------------------------------------------


@pytest.mark.parametrize("approve", [True, False])
def test_decision_notifications_link_each_recipient_to_a_page_they_may_open(
    client, people, bw_request, approve, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    decide = services.sponsorship_approve if approve else services.sponsorship_decline
    with django_capture_on_commit_callbacks(execute=True):
        decide(sponsorship=bw_request, actor=people["cio"], reason="Begründung")
    sent = {n.recipient: n for n in Notification.objects.filter(kind=NotificationKind.SPONSORSHIP_DECISION)}
    # The deputy could have decided it too and is told; the deciding CIO is not told of their own act.
    assert people["deputy"] in sent and people["cio"] not in sent
    assert set(sent) == {people["secretariat"], people["deputy"], people["project_lead"]}
    for person, notification in sent.items():
        client.force_login(person)
        assert client.get(notification.link).status_code == 200, person
    assert sent[people["project_lead"]].link.startswith(bw_request.project.get_absolute_url())


def test_a_delegate_decision_tells_the_cio_and_the_deputy(people, bw_request, django_capture_on_commit_callbacks):
    delegate = people["steering_member"]
    services.sponsorship_delegate(sponsorship=bw_request, person=delegate, actor=people["cio"])
    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_decline(sponsorship=bw_request, actor=delegate, reason="kein Budget")
    told = set(
        Notification.objects.filter(kind=NotificationKind.SPONSORSHIP_DECISION).values_list("recipient", flat=True)
    )
    assert {people["cio"].pk, people["deputy"].pk} <= told and delegate.pk not in told
    assert people["cio_he"].pk not in told
    # The mails name the Land whose decision it was.
    for body in Notification.objects.filter(kind=NotificationKind.SPONSORSHIP_DECISION).values_list(
        "body_de", flat=True
    ):
        assert body.startswith("Baden-Württemberg hat die CIO-Patenschaft") and "Hessen" not in body
