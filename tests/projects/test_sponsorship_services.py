"""CIO sponsorships: the permission matrix, the state machine, notifications, reminders, races."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Notification, NotificationKind, Role
from projects.models import (
    EndReason,
    RoundOutcome,
    Sponsorship,
    SponsorshipRound,
    SponsorshipScope,
    SponsorshipState,
    SponsorshipUserObjectPermission,
    TeamRole,
)
from projects.permissions import may_see_sponsorship
from projects.services import sponsorships as services
from projects.services.projects import project_team_add
from tests.conftest import person_with_role, require_service
from tests.factories import PartnerFactory, SponsorshipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(secretariat, land_bw, land_he, project):
    today = timezone.localdate()
    lead = UserFactory()
    project_team_add(project=project, person=lead, role=TeamRole.LEAD, actor=secretariat)
    return {
        "secretariat": secretariat,
        "cio": person_with_role(Role.CIO, land_bw),
        "deputy": person_with_role(Role.CIO_DEPUTY, land_bw),
        "cio_other_land": person_with_role(Role.CIO, land_he),
        "former_cio": person_with_role(
            Role.CIO, land_bw, valid_from=today - timedelta(days=900), valid_until=today - timedelta(days=1)
        ),
        "steering_member": person_with_role(Role.STEERING_MEMBER, land_bw),
        "project_lead": lead,
        "outsider": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


def request_for(project, land, actor, **extra):
    data = {
        "scope": SponsorshipScope.BOTH,
        "term_start": timezone.localdate(),
        "term_end": None,
        "justification": "Pilot in zwei Kreisen läuft.",
    }
    return services.sponsorship_request(project=project, land=land, actor=actor, **{**data, **extra})


def run(action, sponsorship, actor, project, land):
    if action == "request":
        return request_for(project, land, actor)
    if action == "approve":
        return services.sponsorship_approve(sponsorship=sponsorship, actor=actor, reason="passt")
    if action == "decline":
        return services.sponsorship_decline(sponsorship=sponsorship, actor=actor, reason="kein Budget")
    if action == "withdraw":
        return services.sponsorship_withdraw(sponsorship=sponsorship, actor=actor)
    if action == "end":
        return services.sponsorship_end(sponsorship=sponsorship, actor=actor, reason=EndReason.COMPLETED)
    if action == "delegate":
        delegate = person_with_role(Role.STEERING_DEPUTY, land)
        return services.sponsorship_delegate(sponsorship=sponsorship, person=delegate, actor=actor)
    raise AssertionError(action)


ALLOWED = {
    "request": {"secretariat"},
    "approve": {"cio", "deputy"},
    "decline": {"cio", "deputy"},
    "withdraw": {"secretariat"},
    "end": {"secretariat", "cio"},
    "delegate": {"cio"},
}
EFFECT = {
    "request": SponsorshipState.REQUESTED,
    "approve": SponsorshipState.APPROVED,
    "decline": SponsorshipState.DECLINED,
    "withdraw": SponsorshipState.WITHDRAWN,
    "end": SponsorshipState.ENDED,
}
ROLES = [
    "secretariat",
    "cio",
    "deputy",
    "cio_other_land",
    "former_cio",
    "steering_member",
    "project_lead",
    "outsider",
    "superuser",
]


@pytest.mark.parametrize("action", ALLOWED)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, project, land_bw, secretariat, action, role):
    state = SponsorshipState.APPROVED if action == "end" else SponsorshipState.REQUESTED
    sponsorship = None if action == "request" else SponsorshipFactory(project=project, land=land_bw, state=state)
    actor = people[role]
    if role in ALLOWED[action]:
        run(action, sponsorship, actor, project, land_bw)
        # The allowed person's action took effect, and left its audit event.
        if action == "delegate":
            assert SponsorshipUserObjectPermission.objects.filter(content_object=sponsorship).count() == 1
        else:
            assert Sponsorship.objects.get(project=project, land=land_bw).state == EFFECT[action]
        assert AuditEvent.objects.filter(verb__startswith="sponsorship.", actor=actor).exists()
    else:
        with pytest.raises(PermissionDenied):
            run(action, sponsorship, actor, project, land_bw)
        if sponsorship:
            assert Sponsorship.objects.get(pk=sponsorship.pk).state == state


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_a_request(people, project, land_bw, role):
    sponsorship = SponsorshipFactory(project=project, land=land_bw)
    assert may_see_sponsorship(people[role], sponsorship) is (role in {"secretariat", "cio", "deputy"})


def test_delegation_lets_one_person_decide_one_request(people, project, land_bw):
    sponsorship, other = SponsorshipFactory(project=project, land=land_bw), SponsorshipFactory(land=land_bw)
    delegate = people["steering_member"]
    services.sponsorship_delegate(sponsorship=sponsorship, person=delegate, actor=people["cio"])
    assert may_see_sponsorship(delegate, sponsorship) and not may_see_sponsorship(delegate, other)
    services.sponsorship_revoke_delegation(sponsorship=sponsorship, person=delegate, actor=people["cio"])
    with pytest.raises(PermissionDenied):
        services.sponsorship_approve(sponsorship=sponsorship, actor=delegate)
    services.sponsorship_delegate(sponsorship=sponsorship, person=delegate, actor=people["cio"])
    services.sponsorship_approve(sponsorship=sponsorship, actor=delegate)
    assert Sponsorship.objects.get(pk=sponsorship.pk).decided_by == delegate


class TestStateMachine:
    TRANSITIONS = {
        "approve": {SponsorshipState.REQUESTED},
        "decline": {SponsorshipState.REQUESTED},
        "withdraw": {SponsorshipState.REQUESTED},
        "end": {SponsorshipState.APPROVED},
    }

    @pytest.mark.parametrize("action", TRANSITIONS)
    @pytest.mark.parametrize("state", SponsorshipState.values)
    def test_every_transition_legal_or_refused(self, people, project, land_bw, action, state):
        sponsorship = SponsorshipFactory(project=project, land=land_bw, state=state)
        actor = people["secretariat"] if action in ("withdraw", "end") else people["cio"]
        if state in self.TRANSITIONS[action]:
            run(action, sponsorship, actor, project, land_bw)
            assert Sponsorship.objects.get(pk=sponsorship.pk).state != state
        else:
            with pytest.raises(ValidationError) as error:
                run(action, sponsorship, actor, project, land_bw)
            assert "Patenschaft" in error.value.messages[0] or "bereits entschieden" in error.value.messages[0]
            assert Sponsorship.objects.get(pk=sponsorship.pk).state == state
            assert not AuditEvent.objects.filter(verb__startswith="sponsorship.").exists()

    def test_declined_request_is_revised_and_every_round_stays(self, people, project, land_bw):
        sponsorship = request_for(project, land_bw, people["secretariat"])
        services.sponsorship_decline(sponsorship=sponsorship, actor=people["cio"], reason="Umfang unklar")
        services.sponsorship_resubmit(
            sponsorship=sponsorship,
            scope=SponsorshipScope.CONCEPT,
            term_start=timezone.localdate(),
            term_end=None,
            justification="Nur Konzeption",
            actor=people["secretariat"],
        )
        services.sponsorship_approve(sponsorship=sponsorship, actor=people["deputy"], reason="so passt es")
        rounds = list(
            SponsorshipRound.objects.filter(sponsorship=sponsorship).values_list("number", "scope", "outcome", "reason")
        )
        assert rounds == [
            (1, "both", RoundOutcome.DECLINED, "Umfang unklar"),
            (2, "concept", RoundOutcome.APPROVED, "so passt es"),
        ]

    def test_approval_records_who_when_why(self, people, project, land_bw):
        sponsorship = request_for(project, land_bw, people["secretariat"])
        services.sponsorship_approve(sponsorship=sponsorship, actor=people["cio"], reason="Landesstrategie")
        sponsorship.refresh_from_db()
        assert (sponsorship.decided_by, sponsorship.decision_reason) == (people["cio"], "Landesstrategie")
        assert sponsorship.decided_at is not None
        event = AuditEvent.objects.get(verb=AuditVerb.SPONSORSHIP_APPROVED)
        assert event.actor == people["cio"] and event.payload["reason"] == "Landesstrategie"


class TestBadInput:
    def test_decline_needs_a_reason(self, people, project, land_bw):
        sponsorship = SponsorshipFactory(project=project, land=land_bw)
        with pytest.raises(ValidationError, match="Bitte begründen Sie die Ablehnung."):
            services.sponsorship_decline(sponsorship=sponsorship, actor=people["cio"], reason="  ")
        assert Sponsorship.objects.get(pk=sponsorship.pk).state == SponsorshipState.REQUESTED

    def test_term_ending_before_it_starts(self, people, project, land_bw):
        today = timezone.localdate()
        with pytest.raises(ValidationError, match="Die Laufzeit kann nicht enden, bevor sie beginnt."):
            request_for(project, land_bw, people["secretariat"], term_start=today, term_end=today - timedelta(1))
        assert not Sponsorship.objects.exists() and not Notification.objects.exists()

    def test_only_a_land_can_sponsor(self, people, project):
        city = PartnerFactory()
        with pytest.raises(ValidationError, match="nur ein Land übernehmen"):
            request_for(project, city, people["secretariat"])
        assert not Sponsorship.objects.exists()

    def test_second_open_request_for_the_same_project_and_land(self, people, project, land_bw):
        request_for(project, land_bw, people["secretariat"])
        with pytest.raises(ValidationError, match="bereits eine offene Anfrage"):
            request_for(project, land_bw, people["secretariat"])
        assert Sponsorship.objects.count() == 1


class TestNotifications:
    def subjects(self, person):
        return list(Notification.objects.filter(recipient=person).values_list("subject_de", "subject_en"))

    def test_request_goes_to_cio_and_deputy_in_both_languages(self, people, project, land_bw):
        people["deputy"].preferred_language = "en"
        people["deputy"].save()
        sponsorship = request_for(project, land_bw, people["secretariat"])
        for role in ("cio", "deputy"):
            assert self.subjects(people[role]) == [
                (f"Anfrage CIO-Patenschaft: {project.acronym}", f"CIO sponsorship request: {project.acronym}")
            ]
        note = Notification.objects.get(recipient=people["cio"])
        assert note.link == f"/arbeitsbereich/patenschaften/{sponsorship.pk}/"
        assert note.kind == NotificationKind.SPONSORSHIP_REQUEST
        for role in ("cio_other_land", "former_cio", "secretariat", "steering_member"):
            assert self.subjects(people[role]) == []

    def test_decision_goes_to_secretariat_and_project_lead_once(self, people, project, land_bw):
        sponsorship = request_for(project, land_bw, people["secretariat"])
        services.sponsorship_decline(sponsorship=sponsorship, actor=people["cio"], reason="kein Budget")
        for role in ("secretariat", "project_lead"):
            decisions = Notification.objects.filter(recipient=people[role], kind=NotificationKind.SPONSORSHIP_DECISION)
            assert decisions.count() == 1
            assert "kein Budget" in decisions.get().body_de
        assert not Notification.objects.filter(recipient=people["cio"], kind=NotificationKind.SPONSORSHIP_DECISION)

    def test_reminder_after_7_days_and_escalation_after_14_each_once(self, people, project, land_bw):
        sponsorship = SponsorshipFactory(project=project, land=land_bw, requested_at=timezone.now() - timedelta(days=8))
        assert services.sponsorship_remind_pending() == (1, 0)
        assert services.sponsorship_remind_pending() == (0, 0)
        reminders = Notification.objects.filter(kind=NotificationKind.SPONSORSHIP_REMINDER)
        assert set(reminders.values_list("recipient", flat=True)) == {people["cio"].pk, people["deputy"].pk}
        Sponsorship.objects.filter(pk=sponsorship.pk).update(requested_at=timezone.now() - timedelta(days=15))
        assert services.sponsorship_remind_pending() == (0, 1)
        assert services.sponsorship_remind_pending() == (0, 0)
        assert reminders.filter(recipient=people["secretariat"]).count() == 1


@pytest.mark.backing_services
@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_the_same_moment_exactly_one_wins(people, project, land_bw, monkeypatch):
    """Two real database connections decide at once; the row lock lets exactly one through."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    sponsorship = request_for(project, land_bw, people["secretariat"])
    original = services._close_round
    inside = threading.Barrier(2, timeout=10)

    def slow_close_round(*args, **kwargs):
        original(*args, **kwargs)
        threading.Event().wait(0.5)  # hold the lock so the other decision surely waits for it

    monkeypatch.setattr(services, "_close_round", slow_close_round)
    outcomes: dict[str, str] = {}

    def decide(name, approve):
        try:
            inside.wait()
            if approve:
                services.sponsorship_approve(sponsorship=sponsorship, actor=people[name], reason="ja")
            else:
                services.sponsorship_decline(sponsorship=sponsorship, actor=people[name], reason="nein")
            outcomes[name] = "won"
        except ValidationError as error:
            outcomes[name] = error.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("cio", True)),
        threading.Thread(target=decide, args=("deputy", False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(outcomes) == ["cio", "deputy"]
    assert list(outcomes.values()).count("won") == 1
    loser = next(message for message in outcomes.values() if message != "won")
    assert loser.startswith("Diese Anfrage wurde bereits entschieden")
    assert (
        AuditEvent.objects.filter(verb__in=[AuditVerb.SPONSORSHIP_APPROVED, AuditVerb.SPONSORSHIP_DECLINED]).count()
        == 1
    )
    assert (
        Notification.objects.filter(kind=NotificationKind.SPONSORSHIP_DECISION, recipient=people["secretariat"]).count()
        == 1
    )
