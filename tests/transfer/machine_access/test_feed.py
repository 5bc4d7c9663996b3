"""Machine access: the Atom feed."""

from xml.etree import ElementTree

import pytest

from tests.factories import SolutionFactory
from tests.transfer.machine_access.helpers import ATOM, SITE, assert_no_secrets, text_of
from transfer.models import SolutionState

pytestmark = pytest.mark.django_db


# --- Atom feed -----------------------------------------------------------------------------------


class TestFeed:
    def test_feed_lists_published_solutions_only(self, client, world):
        response = client.get("/loesungen/feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        text = text_of(response)
        assert_no_secrets(text, world)
        feed = ElementTree.fromstring(response.content)
        entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed.findall(f"{ATOM}entry")}
        assert set(entries) == {"Mängelmelder", "Datenlizenzierte Statistik"}
        entry = entries["Mängelmelder"]
        assert entry.find(f"{ATOM}link").get("href") == f"{SITE}/loesungen/maengelmelder/"
        assert entry.findtext(f"{ATOM}summary") == world["published"].short_description
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}category").get("term") == "Mobile Verwaltung"

    def test_newest_fifty_by_update_first(self, client, world):
        SolutionFactory.create_batch(50)
        world["from_internal"].save()  # now the most recently updated
        feed = ElementTree.fromstring(client.get("/loesungen/feed/").content)
        titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
        assert len(titles) == 50
        assert titles[0] == "Datenlizenzierte Statistik"
        assert "Mängelmelder" not in titles  # the oldest update dropped off

    def test_withdrawing_removes_it_from_the_feed(self, client, world):
        world["published"].state = SolutionState.UNPUBLISHED
        world["published"].save()
        assert "Mängelmelder<" not in text_of(client.get("/loesungen/feed/"))

    def test_written_once_per_catalogue_version(self, client, world, django_assert_num_queries):
        first = client.get("/loesungen/feed/")
        with django_assert_num_queries(0):
            again = client.get("/loesungen/feed/")
        assert again.content == first.content and again["Last-Modified"] == first["Last-Modified"]
        assert again["Content-Type"] == first["Content-Type"]
        world["published"].state = SolutionState.UNPUBLISHED
        world["published"].save()  # a change of the catalogue: written anew
        assert "Mängelmelder<" in text_of(first) and "Mängelmelder<" not in text_of(client.get("/loesungen/feed/"))
