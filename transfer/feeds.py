"""/loesungen/feed/: an Atom feed of new and updated published solutions."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from transfer.api.common import LANGUAGE, absolute, in_german, site_host, solution_path
from transfer.models import Solution

FEED_SIZE = 50


class SolutionFeed(Feed):
    feed_type = Atom1Feed
    language = LANGUAGE
    title = _("Kooperationsraum: neue und aktualisierte Lösungen")
    subtitle = _("Nachnutzbare Lösungen der Transferplattform, die zuletzt veröffentlicht oder geändert wurden.")
    author_name = _("Geschäftsstelle Kooperationsraum")  # a functional sender, never a person

    def __call__(self, request, *args, **kwargs):
        return in_german(super().__call__)(request, *args, **kwargs)

    def link(self) -> str:
        return absolute(reverse("transfer:solution-list"))

    def feed_url(self) -> str:
        return absolute(reverse("transfer:solution-feed"))

    def items(self):
        return Solution.objects.published().prefetch_related("focus_areas").order_by("-updated_at", "-pk")[:FEED_SIZE]

    def item_title(self, solution: Solution) -> str:
        return solution.title

    def item_description(self, solution: Solution) -> str:
        return solution.short_description

    def item_link(self, solution: Solution) -> str:
        return absolute(solution_path(solution.slug))

    def item_guid(self, solution: Solution) -> str:
        # A tag URI by primary key: the entry stays the same entry when its address changes.
        return f"tag:{site_host()},2025:loesung-{solution.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, solution: Solution):
        return solution.published_at

    def item_updateddate(self, solution: Solution):
        return solution.updated_at

    def item_categories(self, solution: Solution) -> list[str]:
        return [area.name for area in solution.focus_areas.all()]
