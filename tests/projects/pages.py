"""Shared by the workspace page tests: URLs and small readers of the pages."""

import re

from django.urls import reverse
from django.utils import timezone

LIST = reverse("projects:project-list")
CREATE = reverse("projects:project-create")
TODAY = timezone.localdate()


def detail_url(project) -> str:
    return reverse("projects:project-detail", args=[project.slug])


def edit_url(project) -> str:
    return reverse("projects:project-edit", args=[project.slug])


def phase_url(project) -> str:
    return reverse("projects:project-phase", args=[project.slug])


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def listed(response) -> list[str]:
    return [row.project.acronym for row in response.context["rows"]]
