"""The transfer platform: public pages and machine access at the site root, the secretariat's
pages under /arbeitsbereich/. Each part lives in its own module."""

from transfer.urls_catalogue import urlpatterns as catalogue
from transfer.urls_machine import urlpatterns as machine
from transfer.urls_public_pages import urlpatterns as public_pages
from transfer.urls_workspace import urlpatterns as workspace

app_name = "transfer"

# Machine routes first: /loesungen/feed/ and /loesungen/export.csv must not be read as slugs.
urlpatterns = [*machine, *catalogue, *public_pages, *workspace]
