"""Public links for the steering circle's public register: a resolution about a project (a phase
gate) or a CIO sponsorship links to the project's public page, and only if that project is public.
Registered with `governance.public_subjects` from `TransferConfig.ready`."""

from django.urls import reverse

from governance.public_subjects import register
from projects.models import Project, Sponsorship


def _project_links(projects: list[Project]) -> dict[int, tuple[str, str]]:
    public = Project.objects.public().filter(pk__in=[p.pk for p in projects]).values_list("pk", "title", "slug")
    return {pk: (title, reverse("transfer:project-detail", args=[slug])) for pk, title, slug in public}


def _sponsorship_links(sponsorships: list[Sponsorship]) -> dict[int, tuple[str, str]]:
    public = Sponsorship.objects.filter(pk__in=[s.pk for s in sponsorships], project__is_public=True).values_list(
        "pk", "project__title", "project__slug"
    )
    return {pk: (title, reverse("transfer:project-detail", args=[slug])) for pk, title, slug in public}


def register_public_subjects() -> None:
    register(Project, _project_links)
    register(Sponsorship, _sponsorship_links)
