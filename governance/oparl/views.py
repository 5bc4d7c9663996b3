"""OParl 1.1 endpoints: the System object, external lists with pagination and the filters of
section 2.5 (created/modified since/until, limit), and each object by its own address.

Every answer is JSON with `Access-Control-Allow-Origin: *` (section 2.6) and German content; an
unknown object or a bad parameter gets an OParl Error object with a 4xx status (section 2.9).
"""

from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views import View

from governance import selectors_register as register
from governance.models import AgendaItem, SteeringCircle, SteeringDocument
from governance.oparl import serializers as oparl
from kooperationsraum.machine import in_german

PAGE_SIZE = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(Exception):
    pass


def answer(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(status: int, message: str, debug: str = "") -> JsonResponse:
    return answer({"type": f"{oparl.SCHEMA}Error", "message": message, "debug": debug}, status=status)


class OParlView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        try:
            return in_german(super().dispatch)(request, *args, **kwargs)
        except Http404:
            return error(404, "Dieses Objekt gibt es nicht oder es ist nicht öffentlich.")
        except BadRequest as problem:
            return error(400, "Die Anfrage enthält einen ungültigen Parameter.", str(problem))


class ObjectView(OParlView):
    def get(self, request, **kwargs):
        return answer(self.object(**kwargs))

    def object(self, **kwargs) -> dict:
        raise NotImplementedError


def _moment(raw: str, name: str) -> datetime:
    moment = parse_datetime(raw.replace(" ", "+"))  # a "+" not URL-encoded arrives as a space
    if moment is None:
        raise BadRequest(f"{name}: erwartet wird eine Angabe wie 2026-01-01T00:00:00+01:00")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class ListView(OParlView):
    """An external object list. Subclasses give the rows, the fields behind `created`/`modified`
    and how to turn one page of rows into OParl objects. Stable order: by primary key."""

    created_field = "created_at"
    modified_field = "created_at"

    def rows(self, **kwargs) -> QuerySet:
        raise NotImplementedError

    def serialize(self, rows: list) -> list[dict]:
        raise NotImplementedError

    def filtered(self, rows: QuerySet, params: dict) -> QuerySet:
        rows = rows.annotate(oparl_created=F(self.created_field), oparl_modified=self.modified_expression())
        lookups = {
            "created_since": "oparl_created__gte",
            "created_until": "oparl_created__lte",
            "modified_since": "oparl_modified__gte",
            "modified_until": "oparl_modified__lte",
        }
        for name, lookup in lookups.items():
            if name in params:
                rows = rows.filter(**{lookup: _moment(params[name], name)})
        return rows

    def modified_expression(self):
        return F(self.modified_field)

    def get(self, request, **kwargs):
        params = {name: request.GET[name] for name in FILTERS if request.GET.get(name)}
        limit = self._number(request.GET.get("limit"), "limit", PAGE_SIZE, maximum=PAGE_SIZE)
        page = self._number(request.GET.get("page"), "page", 1)
        rows = self.filtered(self.rows(**kwargs), params).order_by("pk")
        total = rows.count()
        pages = max(1, -(-total // limit))
        if page > pages:
            raise Http404
        chunk = list(rows[(page - 1) * limit : page * limit])
        keep = {**params, **({"limit": limit} if "limit" in request.GET else {})}
        base = request.build_absolute_uri(request.path)

        def link(number: int) -> str:
            return f"{base}?{urlencode({**keep, 'page': number})}"

        links = {"first": link(1), "self": link(page), "last": link(pages)}
        if page > 1:
            links["prev"] = link(page - 1)
        if page < pages:
            links["next"] = link(page + 1)
        pagination = {"totalElements": total, "elementsPerPage": limit, "currentPage": page, "totalPages": pages}
        return answer({"data": self.serialize(chunk), "pagination": pagination, "links": links})

    @staticmethod
    def _number(raw: str | None, name: str, default: int, maximum: int | None = None) -> int:
        if raw in (None, ""):
            return default
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or int(raw) < 1:
            raise BadRequest(f"{name}: erwartet wird eine ganze Zahl ab 1")
        return min(int(raw), maximum) if maximum else int(raw)


def _circle(pk: int) -> SteeringCircle:
    circle = register.circles().filter(pk=pk).first()
    if circle is None:
        raise Http404
    return circle


# --- the objects ----------------------------------------------------------------------------------


class SystemView(ObjectView):
    def object(self) -> dict:
        return oparl.system()


class BodyView(ObjectView):
    def object(self, pk: int) -> dict:
        return oparl.body(_circle(pk))


def _seat_counts(circles) -> QuerySet:
    return circles.annotate(seat_count=Count("seats", filter=Q(seats__is_active=True)))


class OrganizationView(ObjectView):
    def object(self, pk: int) -> dict:
        circle = _seat_counts(register.circles()).filter(pk=pk).first()
        if circle is None:
            raise Http404
        return oparl.organization(circle, circle.seat_count)


def _meeting_objects(meetings: list) -> list[dict]:
    return [
        oparl.meeting(meeting, {item.pk: register.public_resolution_for(item) for item in meeting.public_items})
        for meeting in meetings
    ]


class MeetingView(ObjectView):
    def object(self, pk: int) -> dict:
        return _meeting_objects([register.meeting_get_public(pk=pk)])[0]


class LocationView(ObjectView):
    def object(self, pk: int) -> dict:
        meeting = register.meeting_get_public(pk=pk)
        if not (meeting.place or meeting.video_link):
            raise Http404
        return oparl.location(meeting)


def _agenda_items() -> QuerySet[AgendaItem]:
    return (
        register.public_agenda_items()
        .select_related("meeting", "resolution")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=SteeringDocument.objects.marked_public().select_related("agenda_item"),
            )
        )
    )


def _agenda_item_objects(items: list) -> list[dict]:
    return [oparl.agenda_item(item, register.public_resolution_for(item)) for item in items]


class AgendaItemView(ObjectView):
    def object(self, pk: int) -> dict:
        item = _agenda_items().filter(pk=pk).first()
        if item is None:
            raise Http404
        return _agenda_item_objects([item])[0]


def _resolutions():
    return (
        register.public_resolutions()
        .select_related("agenda_item", "ballot")
        .prefetch_related(
            "focus_areas",
            Prefetch(
                "ballot__documents",
                queryset=SteeringDocument.objects.marked_public().select_related("ballot__resolution"),
            ),
        )
    )


def _paper_objects(resolutions: list) -> list[dict]:
    return [
        oparl.paper(resolution, list(resolution.ballot.documents.all()) if resolution.ballot_id else [])
        for resolution in resolutions
    ]


class PaperView(ObjectView):
    def object(self, pk: int) -> dict:
        resolution = _resolutions().filter(pk=pk).first()
        if resolution is None:
            raise Http404
        return _paper_objects([resolution])[0]


class ConsultationView(ObjectView):
    def object(self, pk: int) -> dict:
        resolution = _resolutions().filter(pk=pk).first()
        if resolution is None:
            raise Http404
        return oparl.consultation(resolution)


def _documents() -> QuerySet[SteeringDocument]:
    return register.public_documents().select_related("agenda_item", "ballot__resolution")


class FileView(ObjectView):
    def object(self, pk: int) -> dict:
        document = _documents().filter(pk=pk).first()
        if document is None:
            raise Http404
        return oparl.file(document)


# --- the external lists ---------------------------------------------------------------------------


class BodyListView(ListView):
    created_field = "pk"  # the body has no timestamps: the date filters never exclude it

    def filtered(self, rows, params):
        return rows

    def rows(self):
        return register.circles()

    def serialize(self, rows):
        return [oparl.body(circle) for circle in rows]


class BodyOrganizationListView(ListView):
    def filtered(self, rows, params):
        return rows

    def rows(self, pk: int):
        return _seat_counts(register.circles().filter(pk=_circle(pk).pk))

    def serialize(self, rows):
        return [oparl.organization(circle, circle.seat_count) for circle in rows]


class BodyPersonListView(ListView):
    """No person is published (rule 6): the list exists, as OParl requires, and stays empty."""

    def filtered(self, rows, params):
        return rows

    def rows(self, pk: int):
        _circle(pk)
        return SteeringCircle.objects.none()

    def serialize(self, rows):
        return []


class BodyMeetingListView(ListView):
    def modified_expression(self):
        return Greatest("created_at", Coalesce("invited_at", "created_at"), Coalesce("cancelled_at", "created_at"))

    def rows(self, pk: int):
        return register.meetings_public_with_agenda().filter(circle=_circle(pk))

    def serialize(self, rows):
        return _meeting_objects(rows)


class BodyAgendaItemListView(ListView):
    created_field = "meeting__created_at"
    modified_field = "meeting__created_at"

    def rows(self, pk: int):
        return _agenda_items().filter(meeting__circle=_circle(pk))

    def serialize(self, rows):
        return _agenda_item_objects(rows)


class BodyPaperListView(ListView):
    created_field = "recorded_at"
    modified_field = "recorded_at"

    def rows(self, pk: int):
        return _resolutions().filter(circle=_circle(pk))

    def serialize(self, rows):
        return _paper_objects(rows)


class BodyConsultationListView(BodyPaperListView):
    def serialize(self, rows):
        return [oparl.consultation(resolution) for resolution in rows]


class BodyFileListView(ListView):
    created_field = "uploaded_at"
    modified_field = "uploaded_at"

    def rows(self, pk: int):
        circle = _circle(pk)
        return _documents().filter(Q(agenda_item__meeting__circle=circle) | Q(ballot__circle=circle))

    def serialize(self, rows):
        return [oparl.file(document) for document in rows]
