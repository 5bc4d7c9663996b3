"""Django admin for the transfer platform: raw data for the secretariat; the workflow stays with the services.

Read-only here, because each has its own audited path in the workspace:
- a solution's `state` and `published_at` (publishing checks transfer readiness: `solution_publish`,
  withdrawing asks for a reason: `solution_unpublish`); there is no admin action that publishes;
- the stored search vector (computed by `search_vector_refresh`);
- an adoption's `stage` (moved in the workspace through `adoption_save`, which audits the move);
- reuse requests (they come from the public form and are confirmed by e-mail).
Whatever is saved here goes through `solution_save` and `adoption_save`, so the audit trail sees it.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kooperationsraum.admin import ReadOnlyAdminMixin
from transfer.forms_workspace import ServiceCoverageForm, SolutionDocumentForm
from transfer.models import Adoption, Inquiry, ServiceCoverage, Solution, SolutionDocument
from transfer.services import adoption_save, solution_save


class ServiceCoverageInline(admin.TabularInline):
    model = ServiceCoverage
    form = ServiceCoverageForm  # the 14-digit LeiKa check, as in the workspace
    extra = 0


class SolutionDocumentInline(admin.TabularInline):
    model = SolutionDocument
    form = SolutionDocumentForm  # content check and the alt text for images, as in the workspace
    extra = 0
    readonly_fields = ["is_image"]


class AdoptionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Adoption
    extra = 0
    fields = ["organisation", "partner", "stage", "stage_since", "contact", "evidence"]
    readonly_fields = fields


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "licence", "is_software", "published_at", "last_reviewed_on", "updated_at"]
    list_filter = ["state", "licence", "is_software", "focus_areas"]
    search_fields = ["title", "slug", "short_description", "contact_label"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["focus_areas", "partners"]
    autocomplete_fields = ["project", "contact_person"]
    readonly_fields = ["state", "published_at", "search_vector", "created_at", "updated_at"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "state", "published_at", "last_reviewed_on"]}),
        (
            _("Beschreibung"),
            {"fields": ["short_description", "problem", "target_group", "how_it_works", "prerequisites"]},
        ),
        (
            _("Transferreife"),
            {
                "fields": [
                    "licence",
                    "is_software",
                    "source_code_url",
                    "documentation_url",
                    "publiccode_yml",
                    "operating_model",
                    "base_components",
                ]
            },
        ),
        (
            _("Zuordnung und Kontakt"),
            {"fields": ["project", "focus_areas", "partners", "contact_label", "contact_email", "contact_person"]},
        ),
        (_("Daten"), {"fields": ["created_at", "updated_at", "search_vector"]}),
    ]
    inlines = [ServiceCoverageInline, SolutionDocumentInline, AdoptionInline]

    def save_model(self, request, obj, form, change):
        solution_save(
            solution=obj,
            focus_areas=form.cleaned_data.get("focus_areas"),
            partners=form.cleaned_data.get("partners"),
            actor=request.user,
            request=request,
        )


@admin.register(ServiceCoverage)
class ServiceCoverageAdmin(admin.ModelAdmin):
    form = ServiceCoverageForm
    list_display = ["leika_key", "name", "solution", "themenfeld", "maturity_model", "maturity_level"]
    list_filter = ["themenfeld", "maturity_model", "maturity_level"]
    list_select_related = ["solution"]
    search_fields = ["leika_key", "name", "solution__title"]
    autocomplete_fields = ["solution"]
    fields = ["solution", "leika_key", "name", "themenfeld", "maturity_model", "maturity_level"]


@admin.register(SolutionDocument)
class SolutionDocumentAdmin(admin.ModelAdmin):
    form = SolutionDocumentForm
    list_display = ["title", "solution", "is_image"]
    list_filter = ["is_image"]
    list_select_related = ["solution"]
    search_fields = ["title", "alt_text", "solution__title"]
    autocomplete_fields = ["solution"]
    readonly_fields = ["is_image"]
    fields = ["solution", "title", "file", "alt_text", "is_image"]


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    """New adoptions start at "interest"; moving the stage is the workspace's job."""

    list_display = ["organisation", "solution", "partner", "stage", "stage_since"]
    list_filter = ["stage", "partner"]
    list_select_related = ["solution", "partner"]
    search_fields = ["organisation", "contact", "solution__title"]
    autocomplete_fields = ["solution", "partner"]
    readonly_fields = ["stage", "stage_since", "created_at"]

    def save_model(self, request, obj, form, change):
        adoption_save(adoption=obj, actor=request.user, request=request)


@admin.register(Inquiry)
class InquiryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Requests from the public: shown, never edited (the workspace turns them into adoptions)."""

    list_display = ["created_at", "administration", "solution", "state", "confirmed_at"]
    list_filter = ["state"]
    list_select_related = ["solution"]
    search_fields = ["administration", "solution__title"]
    date_hierarchy = "created_at"
