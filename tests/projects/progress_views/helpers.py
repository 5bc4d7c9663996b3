"""What the workspace progress tests share: URLs and a partner's representative."""

from django.urls import reverse
from django.utils import timezone

from governance.models import Role
from tests.factories import RoleAssignmentFactory, UserFactory

TODAY = timezone.localdate()


PENDING = reverse("projects:contribution-pending")


def url(name: str, project, *args) -> str:
    return reverse(f"projects:{name}", args=[project.slug, *args])


def representative(partner, **dates):
    person = UserFactory()
    RoleAssignmentFactory(person=person, partner=partner, role=Role.PROJECT_CONTACT, **dates)
    return person
