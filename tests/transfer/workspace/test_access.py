"""The solution workspace: anonymous → login, others → 403, secretariat → works, another object → 404."""

import pytest
from django.urls import reverse

from governance.models import AuditEvent
from tests.conftest import assert_login_redirect
from tests.factories import AdoptionFactory, SolutionFactory
from tests.transfer.workspace.helpers import MISSING, make_inquiry, url
from transfer.models import Adoption, InquiryState, Solution

pytestmark = pytest.mark.django_db


# --- access: anonymous → login, others → 403, secretariat → works, another object → 404 -----------


@pytest.fixture
def objects(project):
    solution = SolutionFactory()
    adoption = AdoptionFactory(solution=solution)
    other = SolutionFactory()
    return {
        "solution": solution,
        "adoption": adoption,
        "project": project,
        "inquiry": make_inquiry(solution),
        "unconfirmed": make_inquiry(solution, state=InquiryState.UNCONFIRMED),
        "foreign_adoption": AdoptionFactory(solution=other),
    }


# (method, url for the object, url for "another object" or None, expected status for the secretariat)
ROUTES = {
    "list": ("get", lambda o: url("workspace-solution-list"), None, 200),
    "create": ("get", lambda o: url("workspace-solution-create"), None, 200),
    "from-project": (
        "post",
        lambda o: url("workspace-solution-from-project", o["project"].slug),
        lambda o: url("workspace-solution-from-project", "gibt-es-nicht"),
        302,
    ),
    "detail": (
        "get",
        lambda o: url("workspace-solution-detail", o["solution"].pk),
        lambda o: url("workspace-solution-detail", MISSING),
        200,
    ),
    "edit": (
        "get",
        lambda o: url("workspace-solution-edit", o["solution"].pk),
        lambda o: url("workspace-solution-edit", MISSING),
        200,
    ),
    "publish": (
        "post",
        lambda o: url("workspace-solution-publish", o["solution"].pk),
        lambda o: url("workspace-solution-publish", MISSING),
        409,
    ),  # already published
    "unpublish": (
        "post",
        lambda o: url("workspace-solution-unpublish", o["solution"].pk),
        lambda o: url("workspace-solution-unpublish", MISSING),
        200,
    ),  # no reason given
    "review": (
        "post",
        lambda o: url("workspace-solution-review", o["solution"].pk),
        lambda o: url("workspace-solution-review", MISSING),
        302,
    ),
    "adoption-create": (
        "post",
        lambda o: url("workspace-adoption-create", o["solution"].pk),
        lambda o: url("workspace-adoption-create", MISSING),
        200,
    ),  # empty form
    "adoption-edit": (
        "get",
        lambda o: url("workspace-adoption-edit", o["solution"].pk, o["adoption"].pk),
        lambda o: url("workspace-adoption-edit", o["solution"].pk, o["foreign_adoption"].pk),
        200,
    ),
    "inquiry-list": ("get", lambda o: url("inquiry-list"), None, 200),
    "inquiry-adopt": (
        "post",
        lambda o: url("inquiry-adopt", o["inquiry"].pk),
        lambda o: url("inquiry-adopt", o["unconfirmed"].pk),
        302,
    ),
}


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_visitors_are_sent_to_the_login(client, objects, route):
    method, target, _other, _status = ROUTES[route]
    assert_login_redirect(getattr(client, method)(target(objects)))


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("who", ["outsider", "steering_member", "cio_bw"])
def test_anyone_but_the_secretariat_is_refused(client, objects, route, who, request):
    method, target, _other, _status = ROUTES[route]
    client.force_login(request.getfixturevalue(who))
    before = (Solution.objects.count(), Adoption.objects.count(), AuditEvent.objects.count())
    assert getattr(client, method)(target(objects)).status_code == 403
    assert (Solution.objects.count(), Adoption.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("route", ROUTES)
def test_the_secretariat_gets_the_page_or_the_effect(client, secretariat, objects, route):
    method, target, _other, status = ROUTES[route]
    client.force_login(secretariat)
    assert getattr(client, method)(target(objects)).status_code == status


@pytest.mark.parametrize("route", [name for name, spec in ROUTES.items() if spec[2]])
def test_another_object_is_not_found(client, secretariat, objects, route):
    method, _target, other, _status = ROUTES[route]
    client.force_login(secretariat)
    assert getattr(client, method)(other(objects)).status_code == 404


def test_navigation_and_project_page_offer_the_workspace_only_to_the_secretariat(
    client, secretariat, outsider, project
):
    client.force_login(secretariat)
    html = client.get(reverse("projects:project-detail", args=[project.slug])).content.decode()
    assert url("workspace-solution-list") in html
    assert url("workspace-solution-from-project", project.slug) in html and "Als Lösung anbieten" in html
    client.force_login(outsider)
    assert url("workspace-solution-list") not in client.get(reverse("home")).content.decode()
