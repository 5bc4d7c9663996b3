"""The catalogue's filters for machines: the same fields as the list page, but strict.

The page quietly drops a value it cannot apply and says so; an API client or a spreadsheet
download gets no such note, so here an invalid value is an error (HTTP 400) instead of a
silently wider result.
"""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from governance.models import FocusArea, Partner
from transfer.forms import INVALID_CHOICE, CatalogueFilterForm

TRUE_VALUES = ("true", "1", "on", "ja")
FALSE_VALUES = ("false", "0", "off", "nein")


class SolutionFilterForm(CatalogueFilterForm):
    open_source = forms.TypedChoiceField(
        label=_("nur Open Source"),
        required=False,
        empty_value=False,
        choices=[("", "")] + [(value, value) for value in TRUE_VALUES + FALSE_VALUES],
        coerce=lambda value: value in TRUE_VALUES,
        error_messages=INVALID_CHOICE,
        help_text=_("„true“ zeigt nur Lösungen unter einer Open-Source-Lizenz; „false“ schränkt nicht ein."),
    )


def _only(queryset, slug: str | None):
    # Validating a slug needs only that one row, not every partner or theme as options.
    return (queryset.filter(slug=slug) if slug else queryset.none()).values_list("slug", "name")


def solution_filters(params: QueryDict) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(filters for `transfer.selectors.catalogue`, errors by parameter name)."""
    form = SolutionFilterForm(
        params,
        focus_areas=_only(FocusArea.objects.filter(is_active=True), params.get("focus_area")),
        partners=_only(Partner.objects.all(), params.get("partner")),
    )
    filters = form.filters()
    errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    if filters.get("q") and not filters.get("sort"):
        filters["sort"] = "relevance"  # as on the page: a search is sorted by relevance
    return filters, errors


def filter_parameters() -> list[tuple[str, str, type, list | None]]:
    """(name, description, type, allowed values or None) per filter, for the OpenAPI description."""
    form = SolutionFilterForm(None)
    described = []
    for name, field in form.fields.items():
        # Lazy: this runs at import time, in whatever language that happens in.
        text = format_lazy("{}. {}", field.label, field.help_text) if field.help_text else field.label
        kind = int if getattr(field, "coerce", None) is int else str
        choices = [kind(value) for value, _label in getattr(field, "choices", []) if value != ""]
        described.append((name, text, kind, choices or None))
    return described
