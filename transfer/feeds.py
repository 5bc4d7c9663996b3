"""/loesungen/feed/: an Atom feed of new and updated published solutions."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from transfer.api.common import LANGUAGE, absolute, in_german, site_host, solution_path
from transfer.caching import cached_derived, pinned_catalogue_version
from transfer.models import Solution

FEED_SIZE = 50


class SolutionFeed(Feed):
    feed_type = Atom1Feed
    language = LANGUAGE
    title = _("Kooperationsraum: neue und aktualisierte Lösungen")
    subtitle = _("Nachnutzbare Lösungen der Transferplattform, die zuletzt veröffentlicht oder geändert wurden.")
    author_name = _("Geschäftsstelle Kooperationsraum")  # a functional sender, never a person

    def __call__(self, request, *args, **kwargs):
        """Written once per catalogue version (its addresses come from SITE_URL, not the request):
        50 entries cost some 50 ms to write at 10,000 solutions."""
        with pinned_catalogue_version():
            content, headers = cached_derived("atom-feed", [], lambda: self.written(request, *args, **kwargs))
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response

    def written(self, request, *args, **kwargs) -> tuple[bytes, dict[str, str]]:
        response = in_german(super().__call__)(request, *args, **kwargs)
        kept = ("Content-Type", "Last-Modified", "Content-Language")
        return response.content, {name: response[name] for name in kept if response.has_header(name)}

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
