"""What the steering services share: the permission check, notifications to the circle, numbering."""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext as _

from governance.models import ResolutionCounter, SteeringCircle
from governance.permissions_steering import may_manage_steering
from governance.services.notifications import in_both_languages, notification_create


def require_secretariat(actor) -> None:
    if not may_manage_steering(actor):
        raise PermissionDenied(_("Das darf nur die Geschäftsstelle."))


def notify(
    recipients: Iterable,
    *,
    kind: str,
    subject: Callable[[], str],
    body: Callable[[], str],
    link: str = "",
    target: Model | None = None,
    calendar: str = "",
) -> int:
    """One notification per person (each once), in both languages, in the caller's transaction."""
    texts = {"subject": in_both_languages(subject), "body": in_both_languages(body)}
    people = {person.pk: person for person in recipients}
    for person in people.values():
        notification_create(recipient=person, kind=kind, link=link, target=target, calendar=calendar, **texts)
    return len(people)


def take_number(circle: SteeringCircle, year: int) -> tuple[int, str]:
    """The next resolution number of the year, e.g. (7, "LK-2026-07").

    The counter row is locked until the caller's transaction ends, so two resolutions recorded at
    the same moment wait for each other: no number twice. Rolled back with the resolution, the
    number is given again: no gaps.
    """
    # Creating the year's row may race too; ignore_conflicts turns that into "already there".
    ResolutionCounter.objects.bulk_create([ResolutionCounter(circle=circle, year=year)], ignore_conflicts=True)
    counter = ResolutionCounter.objects.select_for_update().get(circle=circle, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{circle.number_prefix}-{year}-{counter.last:02d}"
