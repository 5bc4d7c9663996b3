"""The read-only open-data API: anonymous, GET/HEAD/OPTIONS only, JSON only, German errors.

The public selectors decide what exists (published solutions, public projects); this module only
adds the prefetches the serializers need, so the queries per page stay the same for 5 or 200 rows.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.http import condition
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from governance.models import Partner
from projects.models import Participation, Project
from transfer import selectors
from transfer.api import serializers
from transfer.api.common import in_german
from transfer.api.filters import filter_parameters, solution_filters
from transfer.api.pagination import IdsPagePagination
from transfer.caching import (
    cached_derived,
    catalogue_etag,
    catalogue_version,
    pinned_catalogue_version,
    versioned_get_many,
    versioned_set_many,
)
from transfer.models import Adoption, ServiceCoverage, Solution


def _with_details(solutions: QuerySet[Solution]) -> QuerySet[Solution]:
    return solutions.select_related("project").prefetch_related(
        Prefetch("services", queryset=ServiceCoverage.objects.order_by("leika_key")),
        Prefetch("adoptions", queryset=Adoption.objects.select_related("partner").order_by("stage", "organisation")),
    )


def solution_representations(view: generics.GenericAPIView, ids: list[int]) -> list[dict]:
    """The solutions, serialised once per catalogue version: serialising 20 solutions with
    their relations cost more than everything else of the request (a page then costs one
    narrow query and one cache round trip, whatever the catalogue's size)."""
    prefix = f"transfer:api-solution:{catalogue_version()}:{get_language()}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    stored = versioned_get_many(list(keys.values()))
    if missing := [pk for pk in ids if keys[pk] not in stored]:
        rows = list(_with_details(selectors.catalogue(filters={}).solutions.filter(pk__in=missing)))
        data = view.get_serializer(rows, many=True).data
        fresh = {keys[solution.pk]: item for solution, item in zip(rows, data, strict=True)}
        versioned_set_many(fresh)
        stored.update(fresh)
    return [stored[keys[pk]] for pk in ids if keys[pk] in stored]


class PublicReadOnlyAPIView(generics.GenericAPIView):
    """Anonymous reading only: no session, no CSRF, no writes."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        return in_german(super().dispatch)(request, *args, **kwargs)


def _solution_filter_parameters() -> list[OpenApiParameter]:
    types = {int: OpenApiTypes.INT, str: OpenApiTypes.STR}
    return [
        OpenApiParameter(name, types[kind], OpenApiParameter.QUERY, description=text, enum=choices)
        for name, text, kind, choices in filter_parameters()
    ]


@extend_schema_view(
    get=extend_schema(
        summary="Veröffentlichte Lösungen",
        description="Nachnutzbare Lösungen mit denselben Filtern wie die Katalogseite /loesungen/. "
        "Ungültige Filterwerte ergeben HTTP 400.",
        parameters=_solution_filter_parameters(),
    )
)
@method_decorator(condition(etag_func=catalogue_etag), name="get")
class SolutionListView(PublicReadOnlyAPIView, generics.ListAPIView):
    serializer_class = serializers.SolutionSerializer
    pagination_class = IdsPagePagination

    def list(self, request, *args, **kwargs):
        """One page, kept per catalogue version, language and address (its filters, page and
        host: the page links are absolute); a refused filter or page (400, 404) is never kept."""
        with pinned_catalogue_version():
            data = cached_derived("api-solution-page", [get_language(), request.build_absolute_uri()], self.page_data)
            return Response(data)

    def page_data(self) -> dict:
        ids = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(solution_representations(self, ids)).data

    def get_queryset(self) -> QuerySet[Solution]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request to read
            return Solution.objects.none()
        filters, errors = solution_filters(self.request.query_params)
        if errors:
            raise ValidationError(errors)
        return _with_details(selectors.catalogue(filters=filters).solutions)


@extend_schema_view(
    get=extend_schema(
        summary="Eine veröffentlichte Lösung", description="Entwürfe und zurückgezogene Lösungen ergeben HTTP 404."
    )
)
class SolutionDetailView(PublicReadOnlyAPIView, generics.RetrieveAPIView):
    serializer_class = serializers.SolutionDetailSerializer
    queryset = Solution.objects.none()  # the selector decides; this only names the model
    lookup_field = "slug"

    def get_object(self) -> Solution:
        return selectors.solution_get_public(slug=self.kwargs["slug"])


@extend_schema_view(get=extend_schema(summary="Öffentliche Projekte"))
class ProjectListView(PublicReadOnlyAPIView, generics.ListAPIView):
    serializer_class = serializers.ProjectSerializer

    def get_queryset(self) -> QuerySet[Project]:
        return (
            selectors.project_list_public()
            .order_by("title", "pk")
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("partner").order_by("role", "partner__name"),
                ),
                Prefetch(
                    "solutions", queryset=Solution.objects.published().order_by("title"), to_attr="published_solutions"
                ),
            )
        )


@extend_schema_view(
    get=extend_schema(summary="Partner", description="Partner mit Art, Land, Website und heutigen Verbünden.")
)
class PartnerListView(PublicReadOnlyAPIView, generics.ListAPIView):
    serializer_class = serializers.PartnerSerializer

    def get_queryset(self) -> QuerySet[Partner]:
        return selectors.partner_list_public().order_by("kind", "name", "pk")
