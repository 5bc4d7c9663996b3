"""The portfolio list and the sponsorship inbox at scale: the same queries for 5 and for 50
projects, and exactly the rows, order and figures of the straightforward (joined, DISTINCT) reads
they replaced; the filter selects keep Django's markup."""

import itertools
from datetime import timedelta

import pytest
from django import forms
from django.db import connection
from django.db.models import Count, Prefetch
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import FocusArea, PartnerKind, State
from kooperationsraum.forms import FastSelect
from projects import selectors
from projects.forms import ProjectFilterForm
from projects.models import Milestone, Phase, Project, SponsorshipState, StatusReport, TrafficLight
from projects.selectors.portfolio import PHASE_RANK, SORTS
from tests.conftest import login
from tests.factories import (
    FocusAreaFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SponsorshipFactory,
    SponsorshipRoundFactory,
    StatusReportFactory,
)
from tests.projects.pages import LIST, TODAY

pytestmark = pytest.mark.django_db

INBOX = reverse("projects:sponsorship-list")
STATES = [State.BW, State.HE, State.RP, State.BY]
LIGHTS = [TrafficLight.GREEN, TrafficLight.YELLOW, TrafficLight.RED]


@pytest.fixture
def partners(db):
    return [PartnerFactory(name=f"Partner {n:02d}", kind=PartnerKind.CITY, state=STATES[n % 4]) for n in range(8)]


@pytest.fixture
def areas(db):
    return [FocusAreaFactory(name=f"Schwerpunkt {n}", position=n % 2) for n in range(3)]


def make_projects(count: int, partners, areas, land_bw=None) -> list[Project]:
    """Projects with two or three partners from different Länder (a join would repeat them),
    focus areas, overdue milestones and status reports of every light."""
    projects = []
    for n in range(count):
        project = ProjectFactory(
            title=f"Projekt {n % 7} {n}",
            phase=list(Phase)[n % len(Phase)],
            lead_partner=partners[n % 5],
            start_date=TODAY - timedelta(days=n % 9),
            planned_end_date=None if n % 6 == 0 else TODAY + timedelta(days=n % 11),
        )
        for partner in {partners[(n + 1) % 8], partners[(n + 3) % 8]} - {project.lead_partner}:
            ParticipationFactory(project=project, partner=partner)
        project.focus_areas.add(*areas[: n % 4])
        if n % 3 == 0:
            MilestoneFactory(project=project, due_on=TODAY - timedelta(days=3))
        if n % 4:
            StatusReportFactory(project=project, period_end=TODAY - timedelta(days=40), schedule=TrafficLight.RED)
            StatusReportFactory(project=project, budget=LIGHTS[n % 3])
        if land_bw is not None:
            sponsorship = SponsorshipFactory(project=project, land=land_bw, state=list(SponsorshipState)[n % 3])
            for _ in range(n % 3):
                SponsorshipRoundFactory(sponsorship=sponsorship)
        projects.append(project)
    return projects


def reference_list(filters: dict):
    """The portfolio read as it was: the Land filter as a join, hence DISTINCT over everything."""
    projects = Project.objects.annotate(
        overdue_count=Milestone.objects.overdue_count_per_project(),
        light=StatusReport.objects.latest_light_per_project(),
    )
    if phase := filters.get("phase"):
        projects = projects.filter(phase=phase)
    if state := filters.get("land"):
        projects = projects.filter(participations__partner__state=state)
    if lead := filters.get("lead_partner"):
        projects = projects.filter(lead_partner=lead)
    if area := filters.get("focus_area"):
        projects = projects.filter(focus_areas=area)
    if light := filters.get("light"):
        projects = projects.filter(light=light)
    if filters.get("overdue"):
        projects = projects.filter(overdue_count__gt=0)
    ordering = SORTS.get(filters.get("sort") or "title")
    return (
        projects.annotate(phase_rank=PHASE_RANK)
        .distinct()
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "name")))
        .order_by(*ordering, "pk")
    )


def rows(projects) -> list[tuple]:
    return [(p.pk, p.light, p.overdue_count, [a.pk for a in p.focus_areas.all()]) for p in projects]


def test_every_filter_and_sort_lists_what_the_joined_read_listed(secretariat, partners, areas):
    make_projects(40, partners, areas)
    choices = {
        "phase": [None, Phase.PILOT],
        "land": [None, State.BW, State.HE],
        "lead_partner": [None, partners[1]],
        "focus_area": [None, areas[1]],
        "light": [None, TrafficLight.YELLOW, TrafficLight.GREEN],
        "overdue": [None, True],
    }
    checked = 0
    for values in itertools.product(*choices.values()):
        filters = {key: value for key, value in zip(choices, values, strict=True) if value is not None}
        for sort in ("title", "phase") if len(filters) < 3 else ("title",):
            filters["sort"] = sort
            expected = rows(reference_list(filters))
            assert rows(selectors.project_list_for_user(user=secretariat, filters=filters)) == expected
            checked += bool(expected)
    assert checked > 40  # most combinations list something: the comparison is not vacuous
    for sort in SORTS:
        assert rows(selectors.project_list_for_user(user=secretariat, filters={"sort": sort})) == rows(
            reference_list({"sort": sort})
        ), sort


def test_land_filter_lists_each_project_once(secretariat, partners, areas):
    make_projects(12, partners, areas)
    listed = [p.pk for p in selectors.project_list_for_user(user=secretariat, filters={"land": State.BW})]
    assert listed and len(listed) == len(set(listed))


def queries_for(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [{}, {"land": "BW", "sort": "phase"}, {"light": "red", "overdue": "on"}, {"q": "Projekt", "page": "2"}]
)
def test_portfolio_queries_are_the_same_for_5_and_50_projects(client, secretariat, partners, areas, params):
    login(client, secretariat)
    make_projects(5, partners, areas)
    client.get(LIST)  # the session's first request may differ
    few = queries_for(client, LIST, params)
    make_projects(45, partners, areas)
    assert queries_for(client, LIST, params) == few


def test_inbox_queries_are_the_same_for_5_and_50_requests(client, cio_bw, land_bw, partners, areas):
    login(client, cio_bw)
    make_projects(5, partners, areas, land_bw=land_bw)
    client.get(INBOX)
    few = queries_for(client, INBOX)
    make_projects(45, partners, areas, land_bw=land_bw)
    assert queries_for(client, INBOX) == few
    assert queries_for(client, INBOX, {"state": "approved", "page": "2"}) == few


def test_inbox_counts_rounds_and_orders_as_before(cio_bw, land_bw, partners, areas):
    make_projects(30, partners, areas, land_bw=land_bw)
    listed = selectors.sponsorship_list_for_user(user=cio_bw)
    expected = listed.model.objects.filter(pk__in=[s.pk for s in listed]).annotate(n=Count("rounds"))
    counts = {s.pk: s.n for s in expected}
    assert [(s.pk, s.round_count) for s in listed] == [(s.pk, counts[s.pk]) for s in listed]
    assert {s.round_count for s in listed} == {0, 1, 2}
    states = [s.state for s in listed]
    assert states == sorted(states, key=lambda state: state != SponsorshipState.REQUESTED)


@pytest.mark.parametrize(
    "data",
    [None, {"phase": "pilot", "sort": "phase"}, {"lead_partner": "<x>", "light": "red", "land": "BW"}],
)
def test_filter_selects_render_exactly_as_django_does(partners, areas, data):
    partners[0].name = 'Stadt "A" & <B>'
    partners[0].save()
    make_projects(3, partners, areas)
    if data and "lead_partner" in data:
        data["focus_area"] = str(areas[0].pk)

    def form():
        return ProjectFilterForm(
            data, lead_partners=selectors.lead_partner_choices(), focus_areas=selectors.focus_area_choices()
        )

    fast = form()
    slow = form()
    for field in slow.fields.values():
        if isinstance(field.widget, FastSelect):
            widget = forms.Select(attrs=field.widget.attrs)
            if isinstance(field, forms.ModelChoiceField):  # Django's own labels: str() of each instance
                widget.choices = [("", field.empty_label)] + [(obj.pk, str(obj)) for obj in field.queryset]
            else:
                widget.choices = field.choices
            field.widget = widget
    fast.is_valid(), slow.is_valid()
    assert str(fast.as_div()) == str(slow.as_div())
    assert "Stadt &quot;A&quot; &amp; &lt;B&gt;" in str(fast.as_div())


def test_fast_select_falls_back_to_the_templates_for_option_groups():
    choices = [("Land", [("bw", "Baden-Württemberg")]), ("", "keins")]
    fast = FastSelect(choices=choices).render("x", "bw")
    assert fast == forms.Select(choices=choices).render("x", "bw")
    assert "<optgroup" in fast
