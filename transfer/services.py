"""Every change on the transfer platform: solutions, their publication, adoptions, reuse requests."""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from governance.models import AuditVerb, NotificationKind
from governance.selectors import secretariat_people
from governance.services.audit import audit_record
from governance.services.notifications import in_both_languages, notification_create
from kooperationsraum import public_requests
from projects.models import Project
from transfer.models import (
    Adoption,
    AdoptionStage,
    Inquiry,
    InquiryState,
    Licence,
    Solution,
    SolutionState,
)
from transfer.permissions import may_manage_solutions
from transfer.search import searchable

# Enqueued by name (the task is registered by TransferConfig.ready): tasks import services, never back.
SEND_INQUIRY_CONFIRMATION_TASK = "transfer.tasks.send_inquiry_confirmation"
INQUIRY_SALT = "transfer.inquiry.confirm"
INQUIRY_CONFIRM_DAYS = public_requests.CONFIRM_DAYS
INQUIRY_RATE_LIMIT = public_requests.RATE_LIMIT  # requests per address and hour


def _require_manager(actor) -> None:
    if not may_manage_solutions(actor):
        raise PermissionDenied(_("Lösungen pflegt die Geschäftsstelle."))


# --- search vector --------------------------------------------------------------------------------


def search_vector_refresh(*, solution_ids) -> None:
    """Store the weighted German vector (title A, short description B, the rest C), without
    boilerplate every solution shares (transfer/search.py); PostgreSQL only.
    Computed at query time it took 3.6 s per query at 100,000 rows."""
    if connection.vendor != "postgresql":
        return
    Solution.objects.filter(pk__in=list(solution_ids)).update(
        search_vector=SearchVector(searchable("title"), weight="A", config="german")
        + SearchVector(searchable("short_description"), weight="B", config="german")
        + SearchVector(
            *[searchable(field) for field in ("problem", "target_group", "how_it_works", "prerequisites")],
            weight="C",
            config="german",
        )
    )


# --- readiness and publication --------------------------------------------------------------------


@transaction.atomic
def solution_create_from_project(*, project: Project, actor, request=None) -> Solution:
    """A draft solution carrying over the project's data."""
    _require_manager(actor)
    slug, n = slugify(project.slug)[:70] or "loesung", 2
    base = slug
    while Solution.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    solution = Solution.objects.create(
        title=project.title,
        slug=slug,
        short_description=project.summary[:300],
        problem=project.description or project.summary,
        target_group=_("Verwaltungen von Ländern und Kommunen"),
        licence=Licence.EUPL_12,
        project=project,
    )
    solution.focus_areas.set(project.focus_areas.all())
    solution.partners.set(project.partners.all())
    search_vector_refresh(solution_ids=[solution.pk])
    audit_record(
        verb=AuditVerb.SOLUTION_CREATED,
        actor=actor,
        target=solution,
        request=request,
        payload={"project": project.acronym},
    )
    return solution


@transaction.atomic
def solution_save(*, solution: Solution, actor, focus_areas=None, partners=None, parts=(), request=None) -> Solution:
    """Save the solution and `parts`, the validated inline formsets of its own rows (OZG services,
    documents): they have no life apart from it, so they are stored in its transaction or not at all."""
    _require_manager(actor)
    if solution.pk:
        stored = Solution.objects.select_for_update().get(pk=solution.pk)
        if stored.state != solution.state:
            raise ValidationError(_("Der Status ändert sich nur über Veröffentlichen oder Zurückziehen."))
    created = solution.pk is None
    solution.full_clean()
    solution.save()
    if focus_areas is not None:
        solution.focus_areas.set(focus_areas)
    if partners is not None:
        solution.partners.set(partners)
    for formset in parts:
        formset.instance = solution
        formset.save()
    search_vector_refresh(solution_ids=[solution.pk])
    audit_record(
        verb=AuditVerb.SOLUTION_CREATED if created else AuditVerb.SOLUTION_CHANGED,
        actor=actor,
        target=solution,
        request=request,
    )
    return solution


@transaction.atomic
def solution_publish(*, solution: Solution, actor, request=None) -> Solution:
    _require_manager(actor)
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    if missing := solution.readiness().missing:
        raise ValidationError(_("Noch nicht bereit für den Transfer: %(missing)s.") % {"missing": "; ".join(missing)})
    if solution.is_published:
        raise ValidationError(_("Die Lösung ist bereits veröffentlicht."))
    solution.state = SolutionState.PUBLISHED
    solution.published_at = solution.published_at or timezone.now()
    solution.last_reviewed_on = timezone.localdate()
    solution.save(update_fields=["state", "published_at", "last_reviewed_on", "updated_at"])
    audit_record(verb=AuditVerb.SOLUTION_PUBLISHED, actor=actor, target=solution, request=request)
    return solution


@transaction.atomic
def solution_unpublish(*, solution: Solution, actor, reason: str = "", request=None) -> Solution:
    _require_manager(actor)
    solution = Solution.objects.select_for_update().get(pk=solution.pk)
    if not solution.is_published:
        raise ValidationError(_("Nur veröffentlichte Lösungen können zurückgezogen werden."))
    solution.state = SolutionState.UNPUBLISHED
    solution.save(update_fields=["state", "updated_at"])
    audit_record(
        verb=AuditVerb.SOLUTION_UNPUBLISHED,
        actor=actor,
        target=solution,
        request=request,
        payload={"reason": reason.strip()},
    )
    return solution


@transaction.atomic
def solution_mark_reviewed(*, solution: Solution, actor, request=None) -> Solution:
    _require_manager(actor)
    Solution.objects.filter(pk=solution.pk).update(last_reviewed_on=timezone.localdate(), updated_at=timezone.now())
    audit_record(
        verb=AuditVerb.SOLUTION_CHANGED,
        actor=actor,
        target=solution,
        request=request,
        payload={"reviewed": str(timezone.localdate())},
    )
    solution.refresh_from_db()
    return solution


# --- adoptions -------------------------------------------------------------------------------------


@transaction.atomic
def adoption_save(*, adoption: Adoption, actor, request=None) -> Adoption:
    """Record or move an adoption along the pipeline (interest → … → production, or ended)."""
    _require_manager(actor)
    previous = None
    if adoption.pk:
        previous = Adoption.objects.select_for_update().values_list("stage", flat=True).get(pk=adoption.pk)
    if previous != adoption.stage:
        adoption.stage_since = timezone.localdate()
    adoption.full_clean()
    adoption.save()
    audit_record(
        verb=AuditVerb.ADOPTION_CHANGED,
        actor=actor,
        target=adoption.solution,
        request=request,
        payload={"organisation": adoption.organisation, "from": previous, "to": adoption.stage},
    )
    return adoption


# --- reuse requests from the public ----------------------------------------------------------------


def inquiry_rate_limited(*, address: str) -> bool:
    return public_requests.rate_limited(scope="inquiry", address=address, limit=INQUIRY_RATE_LIMIT)


def inquiry_token(inquiry: Inquiry) -> str:
    return public_requests.confirmation_token(inquiry.pk, salt=INQUIRY_SALT)


@transaction.atomic
def inquiry_submit(*, inquiry: Inquiry) -> Inquiry:
    """Store the request unconfirmed and send the confirmation link after commit.
    It is counted and routed only once the address is confirmed."""
    inquiry.state = InquiryState.UNCONFIRMED
    inquiry.full_clean()
    inquiry.save()
    transaction.on_commit(lambda: public_requests.enqueue_confirmation(SEND_INQUIRY_CONFIRMATION_TASK, inquiry.pk))
    return inquiry


def inquiry_confirmation_email(inquiry: Inquiry) -> EmailMultiAlternatives:
    link = settings.SITE_URL.rstrip("/") + reverse("transfer:inquiry-confirm", args=[inquiry_token(inquiry)])
    context = {"inquiry": inquiry, "link": link, "days": INQUIRY_CONFIRM_DAYS}
    text = render_to_string("transfer/inquiry_confirm_email.txt", context)
    return EmailMultiAlternatives(
        subject=_("Bitte bestätigen Sie Ihre Anfrage zur Nachnutzung: %(title)s") % {"title": inquiry.solution.title},
        body=text,
        to=[inquiry.contact_email],
        headers={"Auto-Submitted": "auto-generated"},
    )


@transaction.atomic
def inquiry_confirm(*, token: str) -> Inquiry:
    """Confirm by e-mail link; then the secretariat and the solution's contact hear of it."""
    pk = public_requests.confirmed_pk(token, salt=INQUIRY_SALT, days=INQUIRY_CONFIRM_DAYS)
    inquiry = Inquiry.objects.select_for_update().select_related("solution").filter(pk=pk).first()
    if inquiry is None:
        raise ValidationError(_("Diese Anfrage gibt es nicht mehr. Bitte stellen Sie sie erneut."))
    if not inquiry.solution.is_published:
        raise ValidationError(_("Diese Lösung wird derzeit nicht zur Nachnutzung angeboten."))
    if inquiry.state != InquiryState.UNCONFIRMED:
        return inquiry  # a second click changes nothing and notifies nobody again
    inquiry.state = InquiryState.CONFIRMED
    inquiry.confirmed_at = timezone.now()
    inquiry.save(update_fields=["state", "confirmed_at"])
    recipients = secretariat_people()
    if inquiry.solution.contact_person and inquiry.solution.contact_person.is_active:
        recipients.append(inquiry.solution.contact_person)
    names = {"title": inquiry.solution.title, "administration": inquiry.administration}
    subject = in_both_languages(lambda: _("Anfrage zur Nachnutzung: %(title)s") % names)
    body = in_both_languages(
        lambda: (
            _(
                "%(administration)s möchte „%(title)s“ nachnutzen. Die Anfrage ist "
                "bestätigt; Einzelheiten stehen im Arbeitsbereich."
            )
            % names
        )
    )
    for person in {p.pk: p for p in recipients}.values():
        notification_create(
            recipient=person,
            kind=NotificationKind.REUSE_INQUIRY,
            subject=subject,
            body=body,
            # The inquiry list is the secretariat's; the solution's contact opens the solution page.
            link=reverse("transfer:inquiry-list")
            if may_manage_solutions(person)
            else inquiry.solution.get_absolute_url(),
            target=inquiry,
        )
    return inquiry


def inquiry_purge_unconfirmed(*, now=None) -> int:
    """Unconfirmed requests are deleted after a few days (privacy notice)."""
    cutoff = (now or timezone.now()) - timedelta(days=INQUIRY_CONFIRM_DAYS)
    deleted, _details = Inquiry.objects.filter(state=InquiryState.UNCONFIRMED, created_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def inquiry_to_adoption(*, inquiry: Inquiry, actor, request=None) -> Adoption:
    """The secretariat turns a confirmed request into an adoption at the stage "interest"."""
    _require_manager(actor)
    inquiry = Inquiry.objects.select_for_update().select_related("solution").get(pk=inquiry.pk)
    if inquiry.state != InquiryState.CONFIRMED:
        raise ValidationError(_("Nur bestätigte, noch offene Anfragen werden zur Nachnutzung."))
    adoption = adoption_save(
        adoption=Adoption(solution=inquiry.solution, organisation=inquiry.administration, stage=AdoptionStage.INTEREST),
        actor=actor,
        request=request,
    )
    inquiry.state = InquiryState.ADOPTED
    inquiry.adoption = adoption
    inquiry.save(update_fields=["state", "adoption"])
    return adoption
