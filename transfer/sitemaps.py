"""/sitemap.xml: the public pages, published solutions, public projects and partners."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from governance.models import Partner
from projects.models import Project
from transfer.api.common import partner_path, project_path, solution_path
from transfer.models import Solution

# Public pages without a model behind them. Lists built by other parts of the portal appear as
# soon as their URL name exists.
STATIC_PAGES = [
    "home",
    "transfer:solution-list",
    "transfer:project-list",
    "transfer:partner-list",
    "imprint",
    "privacy",
    "accessibility",
]


class SiteUrlSitemap(Sitemap):
    """Addresses under SITE_URL, whichever host name the request came in on."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path.rstrip("/")


class StaticPageSitemap(SiteUrlSitemap):
    def items(self) -> list[str]:
        paths = []
        for name in STATIC_PAGES:
            try:
                paths.append(reverse(name))
            except NoReverseMatch:
                continue
        return paths

    def location(self, path: str) -> str:
        return path


class SolutionSitemap(SiteUrlSitemap):
    def items(self):
        return Solution.objects.published().only("slug", "updated_at").order_by("pk")

    def location(self, solution: Solution) -> str:
        return solution_path(solution.slug)

    def lastmod(self, solution: Solution):
        return solution.updated_at


class ProjectSitemap(SiteUrlSitemap):
    def items(self):
        return Project.objects.public().only("slug", "updated_at").order_by("pk")

    def location(self, project: Project) -> str:
        return project_path(project.slug)

    def lastmod(self, project: Project):
        return project.updated_at


class PartnerSitemap(SiteUrlSitemap):
    def items(self):
        return Partner.objects.only("slug").order_by("pk")

    def location(self, partner: Partner) -> str:
        return partner_path(partner.slug)


SITEMAPS = {
    "seiten": StaticPageSitemap,
    "loesungen": SolutionSitemap,
    "projekte": ProjectSitemap,
    "partner": PartnerSitemap,
}
