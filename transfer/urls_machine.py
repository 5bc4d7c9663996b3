"""Stable addresses for machines: the Atom feed, the CSV export, DCAT-AP.de, sitemap and robots.txt.

Mounted by transfer/urls.py at the site root, before the catalogue: /loesungen/feed/ would
otherwise be read as the page of a solution called "feed". (The JSON API is transfer/api/.)
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import condition, require_safe

from transfer.api.common import in_german
from transfer.caching import catalogue_etag
from transfer.feeds import SolutionFeed
from transfer.sitemaps import SITEMAPS
from transfer.views import machine

urlpatterns = [
    path("loesungen/feed/", require_safe(condition(etag_func=catalogue_etag)(SolutionFeed())), name="solution-feed"),
    path("loesungen/export.csv", machine.SolutionExportView.as_view(), name="solution-export-csv"),
    path("dcat/catalog.ttl", machine.DcatCatalogueView.as_view(format="turtle"), name="dcat-turtle"),
    path("dcat/catalog.jsonld", machine.DcatCatalogueView.as_view(format="jsonld"), name="dcat-jsonld"),
    path("sitemap.xml", require_safe(in_german(sitemap_views.sitemap)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", machine.RobotsTxtView.as_view(), name="robots"),
]
