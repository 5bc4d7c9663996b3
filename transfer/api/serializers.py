"""What the API shows: public fields only, named explicitly.

Never here: the internal contact person, people's e-mail addresses, drafts, internal projects.
A solution's functional mailbox (`contact_email`) is the one address that is meant to be public.
Every nested value comes from the selectors' prefetches, so a page costs the same number of
queries however many rows it has.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from governance.models import FocusArea, NetworkMembership, Partner
from projects.models import Participation, Project
from transfer.api.common import absolute, partner_path, project_path, solution_path
from transfer.models import Adoption, ServiceCoverage, Solution
from transfer.selectors import REUSING_STAGES


def _solution_api_url(slug: str) -> str:
    return absolute(reverse("api:solution-detail", args=[slug]))


class FocusAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = FocusArea
        fields = ["slug", "name"]


class PartnerRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Öffentliche Seite des Partners"))

    class Meta:
        model = Partner
        fields = ["slug", "name", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, partner: Partner) -> str:
        return absolute(partner_path(partner.slug))


class ServiceSerializer(serializers.ModelSerializer):
    themenfeld_label = serializers.CharField(source="get_themenfeld_display")
    ozg_compliant = serializers.BooleanField(
        source="is_ozg_compliant",
        allow_null=True,
        help_text=_("Nur im Reifegradmodell 1.x definiert (ab Stufe 3); sonst null."),
    )

    class Meta:
        model = ServiceCoverage
        fields = [
            "leika_key",
            "name",
            "themenfeld",
            "themenfeld_label",
            "maturity_model",
            "maturity_level",
            "ozg_compliant",
        ]


class AdoptionSerializer(serializers.ModelSerializer):
    """Who reuses it and how far they are: the organisation, never a person."""

    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    stage_label = serializers.CharField(source="get_stage_display")

    class Meta:
        model = Adoption
        fields = ["organisation", "partner", "stage", "stage_label", "stage_since"]


class ProjectRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["slug", "acronym", "title", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, project: Project) -> str:
        return absolute(project_path(project.slug))


class SolutionSerializer(serializers.ModelSerializer):
    """A solution as the catalogue lists it."""

    url = serializers.SerializerMethodField(help_text=_("Öffentliche Seite der Lösung"))
    api_url = serializers.SerializerMethodField()
    licence_type = serializers.CharField(read_only=True)
    is_open_source = serializers.BooleanField(read_only=True)
    focus_areas = FocusAreaSerializer(many=True, read_only=True)
    partners = PartnerRefSerializer(many=True, read_only=True)
    services = ServiceSerializer(many=True, read_only=True)
    adoptions = AdoptionSerializer(many=True, read_only=True)
    reuse_count = serializers.SerializerMethodField(
        help_text=_("Verwaltungen, die sie im Pilot- oder Produktivbetrieb nutzen")
    )
    project = serializers.SerializerMethodField(help_text=_("Herkunftsprojekt, wenn es öffentlich ist"))

    class Meta:
        model = Solution
        fields = [
            "slug",
            "title",
            "short_description",
            "url",
            "api_url",
            "licence",
            "licence_type",
            "is_open_source",
            "is_software",
            "focus_areas",
            "partners",
            "services",
            "adoptions",
            "reuse_count",
            "project",
            "published_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, solution: Solution) -> str:
        return absolute(solution_path(solution.slug))

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, solution: Solution) -> str:
        return _solution_api_url(solution.slug)

    def get_reuse_count(self, solution: Solution) -> int:
        return sum(1 for adoption in solution.adoptions.all() if adoption.stage in REUSING_STAGES)

    @extend_schema_field(ProjectRefSerializer(allow_null=True))
    def get_project(self, solution: Solution):
        project = solution.public_project
        return ProjectRefSerializer(project).data if project is not None else None


class SolutionDetailSerializer(SolutionSerializer):
    """One solution with everything its page shows; texts are Markdown."""

    class Meta(SolutionSerializer.Meta):
        fields = SolutionSerializer.Meta.fields + [
            "problem",
            "target_group",
            "how_it_works",
            "prerequisites",
            "operating_model",
            "base_components",
            "publiccode_yml",
            "source_code_url",
            "documentation_url",
            "contact_label",
            "contact_email",
            "last_reviewed_on",
        ]


class ParticipationSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="partner.slug")
    name = serializers.CharField(source="partner.name")
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Participation
        fields = ["slug", "name", "role", "role_label"]


class SolutionRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Solution
        fields = ["slug", "title", "url", "api_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, solution: Solution) -> str:
        return absolute(solution_path(solution.slug))

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, solution: Solution) -> str:
        return _solution_api_url(solution.slug)


class ProjectSerializer(serializers.ModelSerializer):
    """A public project: phase, partners and the published solutions it produced."""

    url = serializers.SerializerMethodField(help_text=_("Öffentliche Seite des Projekts"))
    phase_label = serializers.CharField(source="get_phase_display")
    lead_partner = PartnerRefSerializer(read_only=True)
    partners = ParticipationSerializer(source="participations", many=True, read_only=True)
    focus_areas = FocusAreaSerializer(many=True, read_only=True)
    solutions = SolutionRefSerializer(source="published_solutions", many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "slug",
            "acronym",
            "title",
            "summary",
            "url",
            "phase",
            "phase_label",
            "lead_partner",
            "partners",
            "focus_areas",
            "solutions",
            "start_date",
            "planned_end_date",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, project: Project) -> str:
        return absolute(project_path(project.slug))


class MembershipSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="network.slug")
    name = serializers.CharField(source="network.name")

    class Meta:
        model = NetworkMembership
        fields = ["slug", "name", "joined_on"]


class PartnerSerializer(serializers.ModelSerializer):
    """A partner organisation with the networks it belongs to today."""

    url = serializers.SerializerMethodField(help_text=_("Öffentliche Seite des Partners"))
    kind_label = serializers.CharField(source="get_kind_display")
    land = serializers.CharField(source="state", help_text=_("ISO-3166-2-Kürzel des Landes, z. B. BW"))
    land_label = serializers.CharField(source="get_state_display")
    networks = MembershipSerializer(source="current_memberships", many=True, read_only=True)

    class Meta:
        model = Partner
        fields = [
            "slug",
            "name",
            "short_name",
            "url",
            "kind",
            "kind_label",
            "land",
            "land_label",
            "website",
            "networks",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, partner: Partner) -> str:
        return absolute(partner_path(partner.slug))
