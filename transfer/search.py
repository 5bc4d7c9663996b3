"""What the catalogue's full-text search looks at: each solution's own words, not text that every
solution carries alike. The demo disclaimer ("Alle Angaben, Termine und Links sind erfunden") stands
on every demo solution; indexed, a search for "Termin" matched all of them, in alphabetical order."""

from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Replace

from projects.demo import DEMO_NOTE

BOILERPLATE = [f"*{DEMO_NOTE}*", DEMO_NOTE, "[Demo] "]
# Fields the plain-text fallback (SQLite) searches, with the weight a match there adds to the rank.
FALLBACK_WEIGHTS = {"title": 8, "short_description": 4, "problem": 1, "target_group": 1}


def searchable(field: str):
    """The field's text without the boilerplate, as a database expression."""
    expression = F(field)
    for phrase in BOILERPLATE:
        expression = Replace(expression, Value(phrase), Value(""), output_field=TextField())
    return expression


def fallback_annotations() -> dict:
    return {f"search_{field}": searchable(field) for field in FALLBACK_WEIGHTS}


def fallback_match(words: list[str]) -> Q:
    """Every word somewhere in the searchable fields (annotate `fallback_annotations()` first)."""
    match = Q()
    for word in words:
        match &= Q(*[Q(**{f"search_{field}__icontains": word}) for field in FALLBACK_WEIGHTS], _connector=Q.OR)
    return match


def fallback_rank(words: list[str]):
    """A simple relevance without PostgreSQL: a word in the title counts most, then the summary."""
    rank = Value(0)
    for word in words:
        for field, weight in FALLBACK_WEIGHTS.items():
            rank = rank + Case(
                When(**{f"search_{field}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return rank
