"""Django admin for progress and CIO sponsorships: milestones, status reports, contributions, sponsorships.

Registered when `projects.admin` is imported. As there, workflow stays with the services: milestones,
reports and proposals are saved through them, a confirmed contribution is read-only, and
sponsorships are read-only (request, decision and end through `projects.services.sponsorships`).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kooperationsraum.admin import QuerySetFlagFilter, ReadOnlyAdminMixin
from projects.models import (
    Contribution,
    Milestone,
    Sponsorship,
    SponsorshipAttachment,
    SponsorshipRound,
    StatusReport,
)
from projects.services.progress import contribution_propose, milestone_save, status_report_create


class OverdueFilter(QuerySetFlagFilter):
    title = _("Überfällig")
    parameter_name = "overdue"
    method = "overdue"
    yes_label = _("überfällig")
    no_label = _("nicht überfällig")


# --- progress ------------------------------------------------------------------------------------


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "due_on", "done_on", "responsible_partner", "overdue"]
    list_filter = [OverdueFilter, "project__phase", "responsible_partner"]
    list_select_related = ["project", "responsible_partner"]
    search_fields = ["title", "project__title", "project__acronym"]
    autocomplete_fields = ["project", "responsible_partner"]
    date_hierarchy = "due_on"

    @admin.display(description=_("Überfällig"), boolean=True)
    def overdue(self, milestone: Milestone) -> bool:
        return milestone.is_overdue()

    def save_model(self, request, obj, form, change):
        milestone_save(milestone=obj, actor=request.user, request=request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    """New reports can be filed here; a filed report is never rewritten (file a new one)."""

    list_display = ["project", "period_start", "period_end", "schedule", "budget", "scope", "author", "created_at"]
    list_filter = ["schedule", "budget", "scope", "project__phase"]
    list_select_related = ["project", "author"]
    search_fields = ["text", "project__title", "project__acronym"]
    autocomplete_fields = ["project"]
    readonly_fields = ["author", "created_at"]
    date_hierarchy = "period_end"

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        status_report_create(report=obj, actor=request.user, request=request)


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["partner", "project", "kind", "amount", "description", "state", "confirmed_by", "confirmed_at"]
    list_filter = ["state", "kind", "partner"]
    list_select_related = ["partner", "project", "confirmed_by"]
    search_fields = ["description", "partner__name", "project__title", "project__acronym"]
    autocomplete_fields = ["project", "partner"]
    readonly_fields = ["state", "proposed_by", "proposed_at", "confirmed_by", "confirmed_at"]

    def has_change_permission(self, request, obj=None):
        # A confirmed contribution binds its partner: shown, never edited.
        if obj is not None and obj.is_confirmed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_confirmed:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        contribution_propose(contribution=obj, actor=request.user, request=request)


# --- CIO sponsorships: read-only, decided in the workspace -----------------------------------------


class SponsorshipRoundInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SponsorshipRound
    extra = 0
    fields = [
        "number",
        "scope",
        "term_start",
        "term_end",
        "submitted_by",
        "submitted_at",
        "outcome",
        "decided_by",
        "decided_at",
        "reason",
    ]
    readonly_fields = fields


class SponsorshipAttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SponsorshipAttachment
    extra = 0
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = fields


@admin.register(Sponsorship)
class SponsorshipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["project", "land", "scope", "state", "requested_at", "decided_by", "decided_at"]
    list_filter = ["state", "land", "scope"]
    list_select_related = ["project", "land", "decided_by"]
    search_fields = ["project__title", "project__acronym", "land__name", "justification"]
    date_hierarchy = "requested_at"
    inlines = [SponsorshipRoundInline, SponsorshipAttachmentInline]
