"""CIO sponsorships: request, decide, withdraw, revise, end, delegate, remind.

Every transition re-checks the permission, locks the row (two decisions at the same moment:
exactly one wins), writes an audit event and notifies through the outbox in the same transaction.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from governance.models import AuditVerb, NotificationKind, Partner, PartnerKind, User, person_ref
from governance.selectors import role_holders, secretariat_people
from governance.services.audit import audit_record
from governance.services.notifications import in_both_languages, notification_create
from projects.models import (
    Project,
    RoundOutcome,
    Sponsorship,
    SponsorshipAttachment,
    SponsorshipRound,
    SponsorshipState,
    SponsorshipUserObjectPermission,
    TeamMember,
    TeamRole,
)
from projects.permissions import (
    DECIDE_SPONSORSHIP,
    DECIDING_ROLES,
    may_decide_sponsorship,
    may_delegate_sponsorship,
    may_end_sponsorship,
    may_receive_delegation,
    may_request_sponsorship,
)

REMIND_AFTER = timedelta(days=7)
ESCALATE_AFTER = timedelta(days=14)


# --- who hears about it ---------------------------------------------------------------------------


def deciders(sponsorship: Sponsorship) -> list[User]:
    """The Land's current CIO and deputy, and anyone the CIO delegated this request to."""
    delegates = User.objects.filter(
        pk__in=SponsorshipUserObjectPermission.objects.filter(
            content_object=sponsorship, permission__codename=DECIDE_SPONSORSHIP
        ).values("user"),
        is_active=True,
    )
    people = {person.pk: person for person in role_holders(DECIDING_ROLES, sponsorship.land)}
    people.update({person.pk: person for person in delegates})
    return list(people.values())


def project_leads(project: Project) -> list[User]:
    return [
        m.person
        for m in TeamMember.objects.filter(project=project, role=TeamRole.LEAD, person__is_active=True).select_related(
            "person"
        )
    ]


def _notify(recipients, sponsorship: Sponsorship, kind: str, subject, body, *, link: str = "") -> None:
    """Each recipient gets a link to a page they may open: the request, or the page given."""
    texts = {"subject": in_both_languages(subject), "body": in_both_languages(body)}
    for person in {p.pk: p for p in recipients}.values():
        notification_create(
            recipient=person, kind=kind, link=link or sponsorship.get_absolute_url(), target=sponsorship, **texts
        )


def project_sponsorships_url(project: Project) -> str:
    """The project's workspace page at its sponsorships: what the project team may open."""
    return f"{project.get_absolute_url()}#patenschaften"


def _names(sponsorship: Sponsorship) -> dict[str, str]:
    return {"project": sponsorship.project.title, "acronym": sponsorship.project.acronym, "land": sponsorship.land.name}


# --- transitions ---------------------------------------------------------------------------------


def _locked(sponsorship: Sponsorship) -> Sponsorship:
    return Sponsorship.objects.select_for_update().select_related("project", "land").get(pk=sponsorship.pk)


def _refuse_transition(sponsorship: Sponsorship, target: str) -> None:
    if sponsorship.can_transition_to(target):
        return
    if sponsorship.state in (SponsorshipState.APPROVED, SponsorshipState.DECLINED) and target in (
        SponsorshipState.APPROVED,
        SponsorshipState.DECLINED,
    ):
        raise ValidationError(
            _("Diese Anfrage wurde bereits entschieden (%(state)s).") % {"state": sponsorship.get_state_display()}
        )
    raise ValidationError(
        _("Eine Patenschaft im Status „%(state)s“ kann nicht %(target)s werden.")
        % {"state": sponsorship.get_state_display(), "target": SponsorshipState(target).label}
    )


def _audit(verb: str, sponsorship: Sponsorship, actor, request, **payload) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        target=sponsorship,
        request=request,
        payload={
            "project": sponsorship.project.acronym,
            "land": sponsorship.land.name,
            "state": sponsorship.state,
            **payload,
        },
    )


def _open_round(sponsorship: Sponsorship, actor) -> SponsorshipRound:
    number = sponsorship.rounds.count() + 1
    return SponsorshipRound.objects.create(
        sponsorship=sponsorship,
        number=number,
        scope=sponsorship.scope,
        term_start=sponsorship.term_start,
        term_end=sponsorship.term_end,
        justification=sponsorship.justification,
        submitted_by=actor,
    )


def _close_round(sponsorship: Sponsorship, outcome: str, actor, reason: str) -> None:
    sponsorship.rounds.filter(outcome="").update(
        outcome=outcome, decided_by=actor, decided_at=timezone.now(), reason=reason
    )


@transaction.atomic
def sponsorship_request(
    *,
    project: Project,
    land: Partner,
    scope: str,
    term_start: date,
    term_end: date | None,
    justification: str,
    actor,
    attachments=(),
    request=None,
) -> Sponsorship:
    """The secretariat asks a Land's CIO to sponsor a project."""
    if not may_request_sponsorship(actor):
        raise PermissionDenied(_("Patenschaften fragt die Geschäftsstelle an."))
    if land is None or land.kind != PartnerKind.LAND:
        raise ValidationError({"land": _("Eine CIO-Patenschaft kann nur ein Land übernehmen, das Partner ist.")})
    sponsorship = Sponsorship(
        project=project,
        land=land,
        scope=scope,
        term_start=term_start,
        term_end=term_end,
        justification=justification.strip(),
        requested_by=actor,
        state=SponsorshipState.REQUESTED,
        requested_at=timezone.now(),
    )
    sponsorship.full_clean()
    sponsorship.save()
    for title, upload in attachments:
        attachment = SponsorshipAttachment(sponsorship=sponsorship, title=title, file=upload)
        attachment.full_clean()
        attachment.save()
    _open_round(sponsorship, actor)
    _audit(AuditVerb.SPONSORSHIP_REQUESTED, sponsorship, actor, request, scope=scope)
    _notify(
        deciders(sponsorship),
        sponsorship,
        NotificationKind.SPONSORSHIP_REQUEST,
        lambda: _("Anfrage CIO-Patenschaft: %(acronym)s") % _names(sponsorship),
        lambda: (
            _(
                "Die Geschäftsstelle bittet %(land)s, die CIO-Patenschaft für das Projekt "
                "„%(project)s“ zu übernehmen. Bitte entscheiden Sie im Portal."
            )
            % _names(sponsorship)
        ),
    )
    return sponsorship


def _decide(sponsorship: Sponsorship, *, approve: bool, actor, reason: str, request) -> Sponsorship:
    sponsorship = _locked(sponsorship)
    if not may_decide_sponsorship(actor, sponsorship):
        raise PermissionDenied(
            _("Über diese Anfrage entscheidet die oder der CIO von %(land)s.") % {"land": sponsorship.land}
        )
    target = SponsorshipState.APPROVED if approve else SponsorshipState.DECLINED
    _refuse_transition(sponsorship, target)
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Ablehnung.")})
    sponsorship.state = target
    sponsorship.decided_by = actor
    sponsorship.decided_at = timezone.now()
    sponsorship.decision_reason = reason.strip()
    sponsorship.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    _close_round(sponsorship, RoundOutcome.APPROVED if approve else RoundOutcome.DECLINED, actor, reason.strip())
    _audit(
        AuditVerb.SPONSORSHIP_APPROVED if approve else AuditVerb.SPONSORSHIP_DECLINED,
        sponsorship,
        actor,
        request,
        reason=reason.strip(),
    )
    verdict = (lambda: _("übernommen")) if approve else (lambda: _("abgelehnt"))
    subject = lambda: _("CIO-Patenschaft %(acronym)s: %(verdict)s") % {**_names(sponsorship), "verdict": verdict()}  # noqa: E731
    body = lambda: (  # noqa: E731
        _("%(land)s hat die CIO-Patenschaft für „%(project)s“ %(verdict)s. Begründung: %(reason)s")
        % {**_names(sponsorship), "verdict": verdict(), "reason": reason.strip() or "–"}
    )
    # The request page for those who may see it (the secretariat, and the CIO office that could
    # have decided it too); the project team cannot open the request, so it gets its project page.
    office = [person for person in deciders(sponsorship) if person.pk != actor.pk]
    _notify(secretariat_people() + office, sponsorship, NotificationKind.SPONSORSHIP_DECISION, subject, body)
    may_see = {person.pk for person in secretariat_people() + office} | {actor.pk}
    _notify(
        [lead for lead in project_leads(sponsorship.project) if lead.pk not in may_see],
        sponsorship,
        NotificationKind.SPONSORSHIP_DECISION,
        subject,
        body,
        link=project_sponsorships_url(sponsorship.project),
    )
    return sponsorship


@transaction.atomic
def sponsorship_approve(*, sponsorship: Sponsorship, actor, reason: str = "", request=None) -> Sponsorship:
    return _decide(sponsorship, approve=True, actor=actor, reason=reason, request=request)


@transaction.atomic
def sponsorship_decline(*, sponsorship: Sponsorship, actor, reason: str, request=None) -> Sponsorship:
    return _decide(sponsorship, approve=False, actor=actor, reason=reason, request=request)


@transaction.atomic
def sponsorship_withdraw(*, sponsorship: Sponsorship, actor, reason: str = "", request=None) -> Sponsorship:
    if not may_request_sponsorship(actor):
        raise PermissionDenied(_("Anfragen zieht die Geschäftsstelle zurück."))
    sponsorship = _locked(sponsorship)
    _refuse_transition(sponsorship, SponsorshipState.WITHDRAWN)
    sponsorship.state = SponsorshipState.WITHDRAWN
    sponsorship.save(update_fields=["state"])
    _close_round(sponsorship, RoundOutcome.WITHDRAWN, actor, reason.strip())
    _audit(AuditVerb.SPONSORSHIP_WITHDRAWN, sponsorship, actor, request, reason=reason.strip())
    _notify(
        deciders(sponsorship),
        sponsorship,
        NotificationKind.SPONSORSHIP_DECISION,
        lambda: _("Anfrage zurückgezogen: %(acronym)s") % _names(sponsorship),
        lambda: (
            _("Die Geschäftsstelle hat die Anfrage zur CIO-Patenschaft für „%(project)s“ zurückgezogen.")
            % _names(sponsorship)
        ),
    )
    return sponsorship


@transaction.atomic
def sponsorship_resubmit(
    *,
    sponsorship: Sponsorship,
    scope: str,
    term_start: date,
    term_end: date | None,
    justification: str,
    actor,
    request=None,
) -> Sponsorship:
    """After a decline: the revised request goes to the CIO again as a new round."""
    if not may_request_sponsorship(actor):
        raise PermissionDenied(_("Patenschaften fragt die Geschäftsstelle an."))
    sponsorship = _locked(sponsorship)
    _refuse_transition(sponsorship, SponsorshipState.REQUESTED)
    sponsorship.scope, sponsorship.term_start, sponsorship.term_end = scope, term_start, term_end
    sponsorship.justification = justification.strip()
    sponsorship.state = SponsorshipState.REQUESTED
    sponsorship.requested_at = timezone.now()
    sponsorship.decided_by, sponsorship.decided_at, sponsorship.decision_reason = None, None, ""
    sponsorship.reminded_at = sponsorship.escalated_at = None
    sponsorship.full_clean()
    sponsorship.save()
    round_ = _open_round(sponsorship, actor)
    _audit(AuditVerb.SPONSORSHIP_REQUESTED, sponsorship, actor, request, round=round_.number)
    _notify(
        deciders(sponsorship),
        sponsorship,
        NotificationKind.SPONSORSHIP_REQUEST,
        lambda: _("Überarbeitete Anfrage CIO-Patenschaft: %(acronym)s") % _names(sponsorship),
        lambda: (
            _(
                "Die Geschäftsstelle hat die Anfrage zur CIO-Patenschaft für „%(project)s“ überarbeitet "
                "und bittet erneut um Ihre Entscheidung."
            )
            % _names(sponsorship)
        ),
    )
    return sponsorship


@transaction.atomic
def sponsorship_end(*, sponsorship: Sponsorship, reason: str, note: str = "", actor, request=None) -> Sponsorship:
    """End an approved sponsorship: the project is completed or handed over to another Land."""
    sponsorship = _locked(sponsorship)
    if not may_end_sponsorship(actor, sponsorship):
        raise PermissionDenied(_("Eine Patenschaft beenden die Geschäftsstelle oder die oder der CIO des Landes."))
    _refuse_transition(sponsorship, SponsorshipState.ENDED)
    sponsorship.state = SponsorshipState.ENDED
    sponsorship.ended_at = timezone.now()
    sponsorship.end_reason = reason
    sponsorship.full_clean()
    sponsorship.save(update_fields=["state", "ended_at", "end_reason"])
    _audit(AuditVerb.SPONSORSHIP_ENDED, sponsorship, actor, request, reason=reason, note=note.strip())
    _notify(
        deciders(sponsorship) + secretariat_people(),
        sponsorship,
        NotificationKind.SPONSORSHIP_DECISION,
        lambda: _("CIO-Patenschaft beendet: %(acronym)s") % _names(sponsorship),
        lambda: _("Die CIO-Patenschaft von %(land)s für „%(project)s“ ist beendet.") % _names(sponsorship),
    )
    return sponsorship


def _delegation_refusal(sponsorship: Sponsorship, person, actor) -> str:
    """Why this person may not receive the decision, in the words the CIO needs."""
    if person.pk == actor.pk:
        return _("Sie entscheiden bereits selbst über diese Anfrage.")
    if person.pk == sponsorship.requested_by_id:
        return _("Wer die Patenschaft angefragt hat, kann nicht über sie entscheiden.")
    if TeamMember.objects.filter(project_id=sponsorship.project_id, person=person).exists():
        return _("Das Team des Projekts kann nicht über die eigene Patenschaft entscheiden.")
    return _("Übertragen lässt sich die Entscheidung nur an eine Person, die für %(land)s handelt.") % {
        "land": sponsorship.land
    }


@transaction.atomic
def sponsorship_delegate(*, sponsorship: Sponsorship, person, actor, request=None) -> None:
    """The Land's CIO names someone acting for the same Land to decide this one open request."""
    sponsorship = _locked(sponsorship)
    if not may_delegate_sponsorship(actor, sponsorship):
        raise PermissionDenied(_("Nur die oder der CIO des Landes kann diese Entscheidung übertragen."))
    if sponsorship.state != SponsorshipState.REQUESTED:
        raise ValidationError(_("Übertragen lässt sich nur die Entscheidung über eine offene Anfrage."))
    if not may_receive_delegation(person, sponsorship, delegator=actor):
        raise ValidationError(_delegation_refusal(sponsorship, person, actor))
    assign_perm(f"projects.{DECIDE_SPONSORSHIP}", person, sponsorship)
    _audit(AuditVerb.SPONSORSHIP_DELEGATED, sponsorship, actor, request, delegate=person_ref(person))
    names = {**_names(sponsorship), "cio": actor.get_full_name() or _("Die oder der CIO")}
    _notify(
        [person],
        sponsorship,
        NotificationKind.SPONSORSHIP_REQUEST,
        lambda: _("Entscheidung übertragen: CIO-Patenschaft %(acronym)s") % names,
        lambda: (
            _(
                "%(cio)s hat Ihnen die Entscheidung übertragen, ob %(land)s die CIO-Patenschaft für das "
                "Projekt „%(project)s“ übernimmt. Bitte entscheiden Sie im Portal."
            )
            % names
        ),
    )


@transaction.atomic
def sponsorship_revoke_delegation(*, sponsorship: Sponsorship, person, actor, request=None) -> None:
    if not may_delegate_sponsorship(actor, sponsorship):
        raise PermissionDenied(_("Nur die oder der CIO des Landes kann diese Entscheidung übertragen."))
    remove_perm(f"projects.{DECIDE_SPONSORSHIP}", person, sponsorship)
    _audit(AuditVerb.SPONSORSHIP_DELEGATED, sponsorship, actor, request, revoked=person_ref(person))


# --- reminders (Celery beat, daily) --------------------------------------------------------------


@transaction.atomic
def sponsorship_remind_pending(*, now=None) -> tuple[int, int]:
    """After 7 days the deciders are reminded, after 14 the secretariat is told; each once."""
    now = now or timezone.now()
    reminded = escalated = 0
    pending = Sponsorship.objects.pending().select_for_update(skip_locked=True).select_related("project", "land")
    for sponsorship in pending.filter(requested_at__lte=now - REMIND_AFTER, reminded_at__isnull=True):
        _notify(
            deciders(sponsorship),
            sponsorship,
            NotificationKind.SPONSORSHIP_REMINDER,
            lambda s=sponsorship: _("Erinnerung: Anfrage CIO-Patenschaft %(acronym)s") % _names(s),
            lambda s=sponsorship: (
                _("Die Anfrage zur CIO-Patenschaft für „%(project)s“ wartet seit einer Woche auf Ihre Entscheidung.")
                % _names(s)
            ),
        )
        sponsorship.reminded_at = now
        sponsorship.save(update_fields=["reminded_at"])
        reminded += 1
    for sponsorship in pending.filter(requested_at__lte=now - ESCALATE_AFTER, escalated_at__isnull=True):
        _notify(
            secretariat_people(),
            sponsorship,
            NotificationKind.SPONSORSHIP_REMINDER,
            lambda s=sponsorship: _("Seit 14 Tagen offen: CIO-Patenschaft %(acronym)s") % _names(s),
            lambda s=sponsorship: (
                _(
                    "Über die Anfrage an %(land)s zur CIO-Patenschaft für „%(project)s“ "
                    "ist seit 14 Tagen nicht entschieden."
                )
                % _names(s)
            ),
        )
        sponsorship.escalated_at = now
        sponsorship.save(update_fields=["escalated_at"])
        escalated += 1
    return reminded, escalated
