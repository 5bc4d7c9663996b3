"""django-import-export resources: the portfolio export (CSV, Excel) and the project CSV import.

The export resource is the one place that knows the export's columns; the CSV view streams its
rows, the Excel view lets tablib write them. The import resource turns one CSV row into an
unsaved `Project` and says, in German, why a row cannot be created; saving goes through
`project_create`, so every imported project is permission-checked and audited like any other.
"""

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources, widgets
from import_export.fields import Field

from governance.models import FocusArea, Partner, State
from projects.forms import RESERVED_SLUGS as FORM_RESERVED_SLUGS
from projects.models import Participation, Phase, Project, TrafficLight
from projects.services.projects import project_create

EXPORT_CHUNK_SIZE = 2000

# --- export ---------------------------------------------------------------------------------------


def with_export_relations(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The portfolio list plus the participating partners (for the Länder): one query more."""
    return projects.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("partner"))
    )


class ProjectExportResource(resources.ModelResource):
    """One row per project of the filtered portfolio list (`project_list_for_user`).

    `cell` is the format's formula guard, applied to every value (`csv_cell`, `xlsx_safe`).
    """

    acronym = Field(attribute="acronym", column_name=gettext_lazy("Kürzel"))
    title = Field(attribute="title", column_name=gettext_lazy("Titel"))
    slug = Field(attribute="slug", column_name=gettext_lazy("Kurzadresse"))
    phase = Field(column_name=gettext_lazy("Phase"))
    lead_partner = Field(column_name=gettext_lazy("Federführung"))
    states = Field(column_name=gettext_lazy("Länder"))
    focus_areas = Field(column_name=gettext_lazy("Arbeitsschwerpunkte"))
    start_date = Field(column_name=gettext_lazy("Beginn"))
    planned_end_date = Field(column_name=gettext_lazy("Geplantes Ende"))
    is_public = Field(column_name=gettext_lazy("Öffentlich"))
    light = Field(column_name=gettext_lazy("Ampel"))
    overdue = Field(column_name=gettext_lazy("Überfällige Meilensteine"))

    class Meta:
        model = Project
        fields = (
            "acronym",
            "title",
            "slug",
            "phase",
            "lead_partner",
            "states",
            "focus_areas",
            "start_date",
            "planned_end_date",
            "is_public",
            "light",
            "overdue",
        )
        export_order = fields

    def __init__(self, *, cell: Callable[[Any], Any] = lambda value: value, **kwargs):
        super().__init__(**kwargs)
        self.cell = cell

    def iter_queryset(self, queryset) -> Iterator[Project]:
        # The library pages prefetching querysets (a COUNT and one query per page); iterator()
        # prefetches per chunk, so the query count stays flat up to EXPORT_CHUNK_SIZE rows.
        if isinstance(queryset, QuerySet):
            yield from queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)
        else:
            yield from queryset

    def export_resource(self, instance, selected_fields=None, **kwargs) -> list[Any]:
        return [self.cell(value) for value in super().export_resource(instance, selected_fields, **kwargs)]

    # Values stay typed (dates, numbers): Excel gets real cells, the CSV formats them itself.
    def dehydrate_phase(self, project: Project) -> str:
        return project.get_phase_display()

    def dehydrate_lead_partner(self, project: Project) -> str:
        return project.lead_partner.name

    def dehydrate_states(self, project: Project) -> str:
        codes = {participation.partner.state for participation in project.participations.all()}
        return ", ".join(sorted(State(code).label for code in codes if code))

    def dehydrate_focus_areas(self, project: Project) -> str:
        return ", ".join(area.name for area in project.focus_areas.all())

    def dehydrate_start_date(self, project: Project) -> date | None:
        return project.start_date

    def dehydrate_planned_end_date(self, project: Project) -> date | None:
        return project.planned_end_date

    def dehydrate_is_public(self, project: Project) -> str:
        return _("ja") if project.is_public else _("nein")

    def dehydrate_light(self, project: Project) -> str:
        # The list annotates the latest report's worst light; empty without a report.
        light = getattr(project, "light", None)
        return str(TrafficLight(light).label) if light else ""

    def dehydrate_overdue(self, project: Project) -> int:
        return getattr(project, "overdue_count", 0)


# --- import ---------------------------------------------------------------------------------------

# Column → (model attribute, what the column holds, in words for messages).
IMPORT_COLUMNS: dict[str, tuple[str, Any]] = {
    "kuerzel": ("acronym", gettext_lazy("Kürzel")),
    "titel": ("title", gettext_lazy("Titel")),
    "kurzadresse": ("slug", gettext_lazy("Kurzadresse")),
    "kurzbeschreibung": ("summary", gettext_lazy("Kurzbeschreibung")),
    "federfuehrung": ("lead_partner", gettext_lazy("Federführung")),
    "phase": ("phase", gettext_lazy("Phase")),
    "beginn": ("start_date", gettext_lazy("Beginn")),
    "geplantes_ende": ("planned_end_date", gettext_lazy("Geplantes Ende")),
    "arbeitsschwerpunkte": ("focus_areas", gettext_lazy("Arbeitsschwerpunkte")),
}
# Without these a row cannot describe a project; the others have defaults (the Kurzadresse
# follows from the Kürzel, the phase is "Idee") or may stay empty.
REQUIRED_COLUMNS = ["kuerzel", "titel", "kurzbeschreibung", "federfuehrung"]
COLUMN_OF_ATTRIBUTE = {attribute: column for column, (attribute, _label) in IMPORT_COLUMNS.items()}
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
# Path segments under projekte/ that are pages of their own ("import" is this module's).
RESERVED_SLUGS = {*FORM_RESERVED_SLUGS, "import"}
FOCUS_AREA_SEPARATOR = "|"


class PartnerWidget(widgets.Widget):
    """The lead partner by slug or exact name (case-insensitive), from one query per import."""

    def load(self) -> None:
        self.by_slug: dict[str, Partner] = {}
        self.by_name: dict[str, list[Partner]] = {}
        for partner in Partner.objects.all():
            self.by_slug[partner.slug.lower()] = partner
            self.by_name.setdefault(partner.name.casefold(), []).append(partner)

    def clean(self, value, row=None, **kwargs) -> Partner | None:
        text = (value or "").strip()
        if not text:
            return None
        if partner := self.by_slug.get(text.lower()):
            return partner
        named = self.by_name.get(text.casefold(), [])
        if len(named) > 1:
            raise ValueError(
                _("Mehrere Partner heißen „%(value)s“; bitte geben Sie die Kurzadresse des Partners an.")
                % {"value": text}
            )
        if not named:
            raise ValueError(
                _(
                    "Der Partner „%(value)s“ ist unbekannt; erwartet wird die Kurzadresse "
                    "oder der genaue Name eines Partners."
                )
                % {"value": text}
            )
        return named[0]


class PhaseWidget(widgets.Widget):
    """A phase by its code (`pilot`) or its German label (`Erprobung`)."""

    def clean(self, value, row=None, **kwargs) -> str | None:
        text = (value or "").strip()
        if not text:
            return None
        with translation.override("de"):
            german = {phase.value: str(phase.label) for phase in Phase}
        for phase in Phase:
            if text.casefold() in {phase.value, german[phase].casefold(), str(phase.label).casefold()}:
                return phase.value
        raise ValueError(
            _("Die Phase „%(value)s“ ist unbekannt; möglich sind: %(labels)s.")
            % {"value": text, "labels": ", ".join(german.values())}
        )


class DateWidget(widgets.Widget):
    """TT.MM.JJJJ as people type it, or ISO (JJJJ-MM-TT) as systems write it."""

    def clean(self, value, row=None, **kwargs) -> date | None:
        text = (value or "").strip()
        if not text:
            return None
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            _("„%(value)s“ ist kein gültiges Datum; bitte TT.MM.JJJJ oder JJJJ-MM-TT verwenden.") % {"value": text}
        )


class FocusAreasWidget(widgets.ManyToManyWidget):
    """Focus areas by slug (or exact name), separated by "|"; an unknown one is an error, not
    silently dropped as the library's widget would. (A ManyToManyWidget, so that the library
    leaves it out of the plain fields and `import_instance` below handles it.)"""

    def __init__(self):
        super().__init__(FocusArea, separator=FOCUS_AREA_SEPARATOR, field="slug")

    def load(self) -> None:
        areas = list(FocusArea.objects.all())
        self.by_key: dict[str, FocusArea] = {area.name.casefold(): area for area in areas}
        self.by_key.update({area.slug.casefold(): area for area in areas})  # a slug wins over a name

    def clean(self, value, row=None, **kwargs) -> list[FocusArea]:
        keys = [key.strip() for key in (value or "").split(self.separator) if key.strip()]
        unknown = [key for key in keys if key.casefold() not in self.by_key]
        if unknown:
            raise ValueError(
                _("Unbekannte Arbeitsschwerpunkte: %(values)s (erwartet werden Kurzadressen, getrennt durch „|“).")
                % {"values": ", ".join(f"„{key}“" for key in unknown)}
            )
        areas = [self.by_key[key.casefold()] for key in keys]
        return list(dict.fromkeys(areas))


class ProjectImportResource(resources.ModelResource):
    """One CSV row → one new project. Rows never update existing projects."""

    acronym = Field(attribute="acronym", column_name="kuerzel", widget=widgets.CharWidget())
    title = Field(attribute="title", column_name="titel", widget=widgets.CharWidget())
    slug = Field(attribute="slug", column_name="kurzadresse", widget=widgets.CharWidget())
    summary = Field(attribute="summary", column_name="kurzbeschreibung", widget=widgets.CharWidget())
    lead_partner = Field(attribute="lead_partner", column_name="federfuehrung", widget=PartnerWidget())
    phase = Field(attribute="phase", column_name="phase", widget=PhaseWidget(), default=Phase.IDEA)
    start_date = Field(attribute="start_date", column_name="beginn", widget=DateWidget())
    planned_end_date = Field(attribute="planned_end_date", column_name="geplantes_ende", widget=DateWidget())
    focus_areas = Field(attribute="focus_areas", column_name="arbeitsschwerpunkte", widget=FocusAreasWidget())

    class Meta:
        model = Project
        fields = (
            "acronym",
            "title",
            "slug",
            "summary",
            "lead_partner",
            "phase",
            "start_date",
            "planned_end_date",
            "focus_areas",
        )
        import_order = fields
        force_init_instance = True  # every row is a new project, never an update
        clean_model_instances = True  # the model's own rules (lengths, slug format, constraints)
        skip_diff = True
        store_instance = True

    def __init__(self, *, lines: list[int] | None = None, actor=None, request=None, **kwargs):
        super().__init__(**kwargs)
        self.lines = lines or []  # the file's line number of each data row, for messages
        self.actor = actor
        self.request = request
        self.focus_areas_by_row: dict[int, list[FocusArea]] = {}

    def line(self, row_number: int) -> int:
        return self.lines[row_number - 1] if row_number <= len(self.lines) else row_number + 1

    # One query each for partners, focus areas and possibly clashing projects, not one per row.
    def before_import(self, dataset, **kwargs) -> None:
        self.fields["lead_partner"].widget.load()
        self.fields["focus_areas"].widget.load()
        rows = list(dataset.dict)
        acronyms = {(row.get("kuerzel") or "").strip().lower() for row in rows} - {""}
        slugs = {self._slug(row) for row in rows} - {""}
        existing = list(
            Project.objects.annotate(acronym_lower=Lower("acronym"))
            .filter(Q(acronym_lower__in=acronyms) | Q(slug__in=slugs))
            .values_list("acronym", "slug")
        )
        # The model's constraint check backs this up where SQL's LOWER() knows only ASCII (SQLite).
        self.existing_acronyms = {acronym.lower() for acronym, _slug in existing}
        self.existing_slugs = {slug for _acronym, slug in existing}
        self.seen_acronyms: dict[str, int] = {}
        self.seen_slugs: dict[str, int] = {}

    @staticmethod
    def _slug(row) -> str:
        return (row.get("kurzadresse") or "").strip() or slugify((row.get("kuerzel") or "").strip())

    def import_instance(self, instance: Project, row, **kwargs) -> None:
        """Fill the project from the row, collecting every problem of the row in German."""
        line = self.line(kwargs["row_number"])
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for column in REQUIRED_COLUMNS:
            attribute, label = IMPORT_COLUMNS[column]
            if not (row.get(column) or "").strip() and attribute not in errors:
                errors[attribute] = [_("%(label)s fehlt.") % {"label": label}]
        if not instance.slug and instance.acronym:
            instance.slug = slugify(instance.acronym)
        try:
            self.focus_areas_by_row[kwargs["row_number"]] = self.fields["focus_areas"].clean(row)
        except ValueError as error:
            errors["focus_areas"] = [str(error)]
        except KeyError:  # the optional column is not in the file
            self.focus_areas_by_row[kwargs["row_number"]] = []
        self._check_duplicates(instance, line, errors)
        summary_limit = Project._meta.get_field("summary").max_length  # a TextField: not checked by full_clean
        if len(instance.summary or "") > summary_limit and "summary" not in errors:
            errors["summary"] = [
                _("Die Kurzbeschreibung hat %(count)s Zeichen; erlaubt sind höchstens %(limit)s.")
                % {"count": len(instance.summary), "limit": summary_limit}
            ]
        if (
            instance.start_date
            and instance.planned_end_date
            and instance.planned_end_date < instance.start_date
            and "planned_end_date" not in errors
        ):
            errors["planned_end_date"] = [
                _("Das geplante Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
                % {"end": f"{instance.planned_end_date:%d.%m.%Y}", "start": f"{instance.start_date:%d.%m.%Y}"}
            ]
        if errors:
            raise ValidationError(errors)

    def _check_duplicates(self, instance: Project, line: int, errors: dict[str, list]) -> None:
        """Clashes are named precisely: with an earlier row of this file, or with the database.
        The first row of a value claims it even when that row is refused for another reason."""
        checks = [
            (
                "acronym",
                (instance.acronym or "").lower(),
                self.seen_acronyms,
                self.existing_acronyms,
                _("Das Kürzel „%(value)s“ steht bereits in Zeile %(line)s dieser Datei."),
                _("Das Kürzel „%(value)s“ ist bereits an ein bestehendes Projekt vergeben."),
            ),
            (
                "slug",
                instance.slug or "",
                self.seen_slugs,
                self.existing_slugs,
                _("Die Kurzadresse „%(value)s“ steht bereits in Zeile %(line)s dieser Datei."),
                _("Die Kurzadresse „%(value)s“ ist bereits an ein bestehendes Projekt vergeben."),
            ),
        ]
        if instance.slug in RESERVED_SLUGS and "slug" not in errors:
            errors["slug"] = [
                _("Die Kurzadresse „%(value)s“ ist für das Portal reserviert.") % {"value": instance.slug}
            ]
        for attribute, key, seen, existing, in_file, in_database in checks:
            if not key or attribute in errors:
                continue
            value = getattr(instance, attribute)
            if key in seen:
                errors[attribute] = [in_file % {"value": value, "line": seen[key]}]
            elif key in existing:
                errors[attribute] = [in_database % {"value": value}]
            seen.setdefault(key, line)

    def save_instance(self, instance: Project, is_create, row, **kwargs) -> None:
        if self._is_dry_run(kwargs):
            return
        project_create(
            project=instance,
            focus_areas=self.focus_areas_by_row.get(kwargs["row_number"], []),
            actor=self.actor,
            request=self.request,
        )

    def save_m2m(self, instance, row, **kwargs) -> None:
        """`project_create` sets the focus areas."""

    def after_import(self, dataset, result, **kwargs) -> None:
        """No primary keys come from the file, so there are no sequences to reset."""


def row_reasons(error: ValidationError) -> list[str]:
    """A row's problems as German sentences, each naming its column."""
    reasons = []
    for attribute, messages in error.message_dict.items():
        column = COLUMN_OF_ATTRIBUTE.get(attribute)
        for message in messages:
            if attribute == NON_FIELD_ERRORS or column is None:
                reasons.append(message)
            else:
                reasons.append(_("Spalte „%(column)s“: %(message)s") % {"column": column, "message": message})
    return reasons
