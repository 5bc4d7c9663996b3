"""/beschluesse/feed/: an Atom feed of the steering circle's public resolutions."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from governance.selectors_register import resolution_list_public
from kooperationsraum.machine import LANGUAGE, absolute, in_german, site_host

FEED_SIZE = 50


class ResolutionFeed(Feed):
    feed_type = Atom1Feed
    language = LANGUAGE
    title = _("Kooperationsraum: Beschlüsse des Lenkungskreises")
    subtitle = _("Die öffentlichen Beschlüsse des Lenkungskreises, aus Sitzungen und Umlaufverfahren.")
    author_name = _("Geschäftsstelle Kooperationsraum")  # a functional sender, never a person

    def __call__(self, request, *args, **kwargs):
        return in_german(super().__call__)(request, *args, **kwargs)

    def link(self) -> str:
        return absolute(reverse("register:resolution-list"))

    def feed_url(self) -> str:
        return absolute(reverse("register:resolution-feed"))

    def items(self):
        return resolution_list_public()[:FEED_SIZE]

    def item_title(self, resolution) -> str:
        return f"{resolution.number}: {resolution.title}"

    def item_description(self, resolution) -> str:
        return resolution.text

    def item_link(self, resolution) -> str:
        return absolute(reverse("register:resolution-detail", args=[resolution.number]))

    def item_guid(self, resolution) -> str:
        return f"tag:{site_host()},2026:beschluss-{resolution.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, resolution):
        return resolution.recorded_at

    def item_categories(self, resolution) -> list[str]:
        return [area.name for area in resolution.focus_areas.all()]
