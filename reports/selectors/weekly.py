"""The secretariat's weekly brief: what waits for someone, as of the brief's Monday."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from governance.models import Notification, NotificationState
from projects.models import Project, Sponsorship, SponsorshipState
from reports.periods import Period
from reports.selectors import steering
from reports.selectors.portfolio import NO_REPORT, light_label, overdue_milestones, projects_with_lights, worst_light
from transfer.models import Inquiry, InquiryState


def weekly_brief(period: Period) -> dict:
    """Every section of the brief; a fixed number of queries whatever the portfolio's size."""
    at = period.start_at
    on = period.as_of
    waiting = list(
        Sponsorship.objects.filter(requested_at__lt=at)
        .filter(Q(state=SponsorshipState.REQUESTED) | Q(decided_at__gte=at))
        .exclude(state=SponsorshipState.WITHDRAWN)
        .select_related("project", "land")
        .order_by("requested_at", "pk")
    )
    stale_before = on - timedelta(days=settings.REPORTS_STATUS_INTERVAL_DAYS)
    attention = []
    for project in projects_with_lights(Project.objects.open(), at=at).select_related("lead_partner").order_by("title"):
        light = worst_light(project)
        if light == "red" or light == NO_REPORT or project.light_period_end < stale_before:
            project.worst = light
            project.worst_label = light_label(light)
            project.stale = light == NO_REPORT or project.light_period_end < stale_before
            attention.append(project)
    inquiries = list(
        Inquiry.objects.filter(state=InquiryState.CONFIRMED, confirmed_at__lt=at)
        .select_related("solution")
        .order_by("confirmed_at", "pk")
    )
    failed = list(
        Notification.objects.filter(
            state=NotificationState.FAILED, created_at__gte=at - timedelta(days=7), created_at__lt=at
        )
        .select_related("recipient")
        .order_by("created_at", "pk")
    )
    return {
        "period": period,
        "waiting_sponsorships": [{"sponsorship": s, "days": (at - s.requested_at).days} for s in waiting],
        "overdue_milestones": overdue_milestones(on=on),
        "projects_attention": attention,
        "inquiries_waiting": inquiries,
        "membership_requests": steering.membership_requests_waiting(period),
        "procedures_closing": steering.written_procedures_closing(period),
        "failed_notifications": failed,
        "status_interval_days": settings.REPORTS_STATUS_INTERVAL_DAYS,
    }


def weekly_rows(brief: dict) -> tuple[list[str], list[list]]:
    """The CSV: one row per item that needs attention, whatever its section."""
    header = [_("Abschnitt"), _("Bezeichnung"), _("Seit/Fällig"), _("Tage"), _("Hinweis")]
    rows = []
    for item in brief["waiting_sponsorships"]:
        s = item["sponsorship"]
        rows.append(
            [
                _("Patenschaftsanfrage"),
                f"{s.project.acronym} ({s.land.name})",
                f"{s.requested_at:%Y-%m-%d}",
                item["days"],
                "",
            ]
        )
    for m in brief["overdue_milestones"]:
        rows.append(
            [
                _("Meilenstein überfällig"),
                f"{m.project.acronym}: {m.title}",
                f"{m.due_on:%Y-%m-%d}",
                (brief["period"].as_of - m.due_on).days,
                "",
            ]
        )
    for p in brief["projects_attention"]:
        since = f"{p.light_period_end:%Y-%m-%d}" if p.light_period_end else ""
        rows.append(
            [_("Statusbericht"), p.acronym, since, "", p.worst_label + (" / " + _("veraltet") if p.stale else "")]
        )
    for i in brief["inquiries_waiting"]:
        rows.append(
            [
                _("Anfrage zur Nachnutzung"),
                f"{i.solution.title}: {i.administration}",
                f"{i.confirmed_at:%Y-%m-%d}",
                "",
                "",
            ]
        )
    for n in brief["failed_notifications"]:
        rows.append(
            [_("Benachrichtigung fehlgeschlagen"), n.subject_de, f"{n.created_at:%Y-%m-%d}", "", n.last_error[:100]]
        )
    return header, rows


def weekly_summary(brief: dict) -> dict:
    return {
        "waiting_sponsorships": len(brief["waiting_sponsorships"]),
        "overdue_milestones": len(brief["overdue_milestones"]),
        "projects_attention": len(brief["projects_attention"]),
        "inquiries_waiting": len(brief["inquiries_waiting"]),
        "failed_notifications": len(brief["failed_notifications"]),
    }
