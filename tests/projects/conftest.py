"""Fixtures shared by the project tests."""

import pytest

from tests.factories import ProjectFactory


@pytest.fixture
def other_project(land_he):
    """A second project, of another Land, that the first project's team must not see."""
    return ProjectFactory(lead_partner=land_he, acronym="HES", title="Hessischer Antragsassistent")
