"""Django admin for projects: the secretariat's raw-data view; workflow stays with the services.

Read-only here, because each has its own audited path in the workspace:
- a project's `phase` (`project_change_phase`, with a reason and the sponsorship gate);
- a contribution's state and confirmation (only the partner's own representative confirms);
- the project team (adding someone grants object permissions: `project_team_add`);
- CIO sponsorships (request, decision and end through `projects.services.sponsorships`).
Everything that is saved or deleted here goes through the services as well (participations
through `project_participation_set` / `project_participation_remove`), so the audit trail sees it
and the lead-partner rule has one home (`participation_guard`).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from kooperationsraum.admin import ReadOnlyAdminMixin

# Importing admin_progress also registers milestones, reports, contributions and sponsorships.
from projects import admin_progress  # noqa: F401
from projects.models import (
    Contribution,
    Milestone,
    Participation,
    Project,
    ProjectDocument,
    ProjectLink,
    StatusReport,
    TeamMember,
)
from projects.services.documents import project_document_create
from projects.services.progress import contribution_propose, milestone_save, status_report_create
from projects.services.projects import (
    participation_guard,
    participation_removal_guard,
    project_create,
    project_participation_remove,
    project_participation_set,
    project_update,
)

CONFIRMED_MESSAGE = _("Ein bestätigter Beitrag bindet den Partner und lässt sich nicht mehr ändern.")
COMPACT_TEXT = {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}


class ParticipationFormSet(BaseInlineFormSet):
    """The service's guards, run while the form can still show them. `self.instance` already
    carries the lead partner chosen in this submission; its row is kept by `project_update`."""

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or not data.get("partner"):
                continue
            if data.get("DELETE"):
                # A form marked for deletion is not validated itself: refuse on the formset.
                if form.instance.pk and (refusal := participation_removal_guard(form.instance)):
                    raise ValidationError(refusal)
            elif form.has_changed() and (
                refusal := participation_guard(project=self.instance, partner=data["partner"], role=data.get("role"))
            ):
                form.add_error("role", refusal)


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 0
    autocomplete_fields = ["partner"]


class TeamMemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Shown, never edited: team changes grant or revoke object permissions in the workspace."""

    model = TeamMember
    extra = 0
    fields = ["person", "role"]
    readonly_fields = ["person", "role"]


class ProjectLinkInline(admin.TabularInline):
    model = ProjectLink
    extra = 0


class ProjectDocumentInline(admin.TabularInline):
    model = ProjectDocument
    extra = 0
    fields = ["title", "file", "is_public", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    can_delete = False
    autocomplete_fields = ["responsible_partner"]


class StatusReportInline(admin.TabularInline):
    """A filed report is a dated statement by its author: new ones can be added, none rewritten."""

    model = StatusReport
    extra = 0
    can_delete = False
    fields = ["period_start", "period_end", "schedule", "budget", "scope", "text", "author"]
    readonly_fields = ["author"]
    formfield_overrides = {models.TextField: COMPACT_TEXT}

    def has_change_permission(self, request, obj=None):
        return False


class ContributionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.initial_forms:
            if form.instance.is_confirmed and form.has_changed():
                raise ValidationError(CONFIRMED_MESSAGE)


class ContributionInline(admin.TabularInline):
    model = Contribution
    formset = ContributionFormSet
    extra = 0
    can_delete = False
    fields = ["partner", "kind", "amount", "description", "state", "confirmed_by", "confirmed_at"]
    readonly_fields = ["state", "confirmed_by", "confirmed_at"]
    autocomplete_fields = ["partner"]


# --- projects ------------------------------------------------------------------------------------


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "acronym",
        "title",
        "phase",
        "lead_partner",
        "is_public",
        "start_date",
        "planned_end_date",
        "overdue_milestones",
        "updated_at",
    ]
    list_display_links = ["acronym", "title"]
    list_filter = ["phase", "is_public", "focus_areas", "lead_partner__state", "lead_partner"]
    list_select_related = ["lead_partner"]
    search_fields = ["title", "acronym", "slug", "summary", "lead_partner__name"]
    autocomplete_fields = ["lead_partner"]
    filter_horizontal = ["focus_areas"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["phase", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "acronym", "slug", "lead_partner", "phase"]}),
        (_("Beschreibung"), {"fields": ["summary", "description", "focus_areas"]}),
        (_("Zeitraum und Sichtbarkeit"), {"fields": ["start_date", "planned_end_date", "is_public"]}),
        (_("Daten"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [
        ParticipationInline,
        TeamMemberInline,
        ProjectLinkInline,
        ProjectDocumentInline,
        MilestoneInline,
        StatusReportInline,
        ContributionInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(overdue_count=Milestone.objects.overdue_count_per_project())

    @admin.display(description=_("Überfällige Meilensteine"), ordering="overdue_count")
    def overdue_milestones(self, project: Project) -> int:
        return project.overdue_count

    def save_model(self, request, obj, form, change):
        focus_areas = form.cleaned_data.get("focus_areas")
        if change:
            project_update(project=obj, focus_areas=focus_areas, actor=request.user, request=request)
        else:
            project_create(project=obj, focus_areas=focus_areas or (), actor=request.user, request=request)

    def save_formset(self, request, form, formset, change):
        saver = {
            Participation: self._save_participations,
            Milestone: self._save_milestones,
            StatusReport: self._save_status_reports,
            Contribution: self._save_contributions,
            ProjectDocument: self._save_documents,
        }.get(formset.model)
        if saver is None:
            return super().save_formset(request, form, formset, change)
        saver(request, formset)

    def _save_participations(self, request, formset) -> None:
        project, actor = formset.instance, request.user
        formset.save(commit=False)  # writes nothing; sets the lists the admin's change message reads
        for participation in formset.deleted_objects:
            project_participation_remove(participation=participation, actor=actor, request=request)
        for form in formset.forms:
            if form in formset.deleted_forms or not form.has_changed() or not form.cleaned_data.get("partner"):
                continue
            partner, role = form.cleaned_data["partner"], form.cleaned_data["role"]
            if partner.pk == project.lead_partner_id:
                continue  # `project_create`/`project_update` already keep the lead partner's row
            if form.instance.pk and "partner" in form.changed_data:
                # Another partner in a stored row: the old one leaves, the new one joins.
                stored = Participation.objects.select_related("project", "partner").get(pk=form.instance.pk)
                project_participation_remove(participation=stored, actor=actor, request=request)
            project_participation_set(project=project, partner=partner, role=role, actor=actor, request=request)

    def _save_milestones(self, request, formset) -> None:
        for milestone in formset.save(commit=False):
            milestone_save(milestone=milestone, actor=request.user, request=request)

    def _save_status_reports(self, request, formset) -> None:
        for report in formset.save(commit=False):
            status_report_create(report=report, actor=request.user, request=request)

    def _save_contributions(self, request, formset) -> None:
        # A new or changed proposal is proposed again; confirming stays with the partner.
        for contribution in formset.save(commit=False):
            contribution_propose(contribution=contribution, actor=request.user, request=request)

    def _save_documents(self, request, formset) -> None:
        for document in formset.save(commit=False):
            if document.pk is None:
                project_document_create(document=document, actor=request.user)
            else:
                document.save()
        for document in formset.deleted_objects:
            document.delete()


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["project", "partner", "role"]

    def clean(self):
        data = super().clean()
        stored = self.instance if self.instance.pk else None  # on change, project and partner are read-only
        project = data.get("project") or (stored and stored.project)
        partner = data.get("partner") or (stored and stored.partner)
        if (
            project
            and partner
            and (refusal := participation_guard(project=project, partner=partner, role=data.get("role")))
        ):
            raise ValidationError(refusal)
        return data


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    """Through the workspace's services: audited, and the lead partner's row stays as it is."""

    form = ParticipationForm
    list_display = ["partner", "project", "role"]
    list_filter = ["role", "partner__kind", "partner__state"]
    list_select_related = ["partner", "project"]
    search_fields = ["partner__name", "project__title", "project__acronym"]
    autocomplete_fields = ["project", "partner"]

    def get_readonly_fields(self, request, obj=None):
        return ["project", "partner"] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        # The lead partner's row follows the project's lead partner: shown, never edited here.
        if obj is not None and not obj.is_removable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and participation_removal_guard(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        project_participation_set(
            project=obj.project, partner=obj.partner, role=obj.role, actor=request.user, request=request
        )

    def delete_model(self, request, obj):
        project_participation_remove(participation=obj, actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for participation in queryset.select_related("project", "partner"):
            try:
                project_participation_remove(participation=participation, actor=request.user, request=request)
            except ValidationError as error:
                self.message_user(request, error.messages[0], level=messages.ERROR)


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Visible for reference; the team is changed in the workspace, which grants the permissions."""

    list_display = ["person", "project", "role"]
    list_filter = ["role"]
    list_select_related = ["person", "project"]
    search_fields = ["person__email", "person__last_name", "project__title", "project__acronym"]


@admin.register(ProjectLink)
class ProjectLinkAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "project", "url"]
    list_filter = ["kind"]
    list_select_related = ["project"]
    search_fields = ["label", "url", "project__title", "project__acronym"]
    autocomplete_fields = ["project"]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "is_public", "uploaded_by", "uploaded_at"]
    list_filter = ["is_public"]
    list_select_related = ["project", "uploaded_by"]
    search_fields = ["title", "project__title", "project__acronym"]
    autocomplete_fields = ["project"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    date_hierarchy = "uploaded_at"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
