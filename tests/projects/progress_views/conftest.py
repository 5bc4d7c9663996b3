"""Milestones, status reports, contributions, team and documents in the workspace: access and effect."""

import pytest

from projects.models import TeamRole
from projects.services.projects import project_team_add
from tests.factories import UserFactory
from tests.projects.progress_views.helpers import representative


@pytest.fixture
def team_contact(project, secretariat):
    """On the team (sees the project, keeps progress) but not its lead."""
    person = UserFactory()
    project_team_add(project=project, person=person, role=TeamRole.CONTACT, actor=secretariat)
    return person


@pytest.fixture
def rep_bw(land_bw):
    return representative(land_bw)


@pytest.fixture
def rep_he(land_he):
    return representative(land_he)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
