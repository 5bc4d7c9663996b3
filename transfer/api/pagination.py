"""Page-number pagination that refuses what it cannot read instead of guessing."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from transfer.paging import CatalogueIdsPaginator

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _positive_int(
    raw: str | None, *, default: int, name: str, errors: dict[str, list[str]], maximum: int | None = None
) -> int:
    if raw in (None, ""):
        return default
    # A 10,000-digit number is not worth converting (Python refuses to past 4,300 digits).
    value = (int(raw) if len(raw) <= 9 else 10**9) if raw.isascii() and raw.isdigit() else 0
    if value < 1:
        errors[name] = [_("Bitte eine ganze Zahl ab 1 angeben.")]
    elif maximum is not None and value > maximum:
        errors[name] = [_("Höchstens %(maximum)s Einträge pro Seite.") % {"maximum": maximum}]
    return value


class PagePagination(PageNumberPagination):
    """`?page=2&page_size=50`; at most MAX_PAGE_SIZE entries per page; bad values → 400."""

    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    django_paginator_class = CatalogueIdsPaginator

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        errors: dict[str, list[str]] = {}
        size = _positive_int(
            request.query_params.get(self.page_size_query_param),
            default=self.page_size,
            name=self.page_size_query_param,
            errors=errors,
            maximum=self.max_page_size,
        )
        number = _positive_int(
            request.query_params.get(self.page_query_param), default=1, name=self.page_query_param, errors=errors
        )
        if errors:
            raise ValidationError(errors)
        # The count depends on the filters only: kept per filter set until the catalogue changes.
        filters = sorted(
            (key, value)
            for key, value in request.query_params.lists()
            if key not in (self.page_query_param, self.page_size_query_param)
        )
        paginator = self.django_paginator_class(queryset, size, count_key=[request.path, filters])
        if number > paginator.num_pages:
            raise NotFound(
                {
                    self.page_query_param: [
                        _("Diese Seite gibt es nicht; die letzte ist Seite %(last)s.") % {"last": paginator.num_pages}
                    ]
                }
            )
        self.page = paginator.page(number)
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("Seitennummer, ab 1."),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _("Einträge pro Seite (Standard %(default)s, höchstens %(maximum)s).")
                % {"default": self.page_size, "maximum": self.max_page_size},
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class IdsOnlyPaginator(CatalogueIdsPaginator):
    rows = False


class IdsPagePagination(PagePagination):
    """As `PagePagination`, but a page holds the ids only: the view reads what it lacks itself."""

    django_paginator_class = IdsOnlyPaginator
