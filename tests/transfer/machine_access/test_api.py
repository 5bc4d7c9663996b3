"""Machine access: the JSON API (solutions, projects, partners, filters, paging, refusals, schema)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import PartnerKind, State
from tests.factories import (
    AdoptionFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ServiceCoverageFactory,
    SolutionFactory,
)
from tests.transfer.machine_access.helpers import SITE, assert_no_secrets
from transfer.models import AdoptionStage, Licence, MaturityModel, OzgThemenfeld, Solution, SolutionState
from transfer.services import search_vector_refresh

pytestmark = pytest.mark.django_db


# --- JSON API ------------------------------------------------------------------------------------


def api(client, path: str, **params):
    response = client.get(f"/api/v1/{path}", params)
    assert response["Content-Type"] == "application/json", response.content[:200]
    return response


class TestApiSolutions:
    def test_list_shows_published_solutions_only(self, client, world):
        response = api(client, "solutions/")
        assert response.status_code == 200
        assert_no_secrets(response.content.decode(), world)
        data = response.json()
        assert data["count"] == 2
        assert {row["slug"] for row in data["results"]} == {"maengelmelder", "statistik"}

    def test_list_entry(self, client, world):
        row = next(r for r in api(client, "solutions/").json()["results"] if r["slug"] == "maengelmelder")
        assert row["url"] == f"{SITE}/loesungen/maengelmelder/"
        assert row["api_url"] == f"{SITE}/api/v1/solutions/maengelmelder/"
        assert row["licence"] == "EUPL-1.2" and row["licence_type"] == "open_source" and row["is_open_source"]
        assert row["focus_areas"] == [{"slug": "mobile-verwaltung", "name": "Mobile Verwaltung"}]
        assert [p["slug"] for p in row["partners"]] == ["bw", "mannheim"]
        assert row["services"][0]["maturity_model"] == "1.x" and row["services"][0]["ozg_compliant"] is True
        assert row["adoptions"] == [
            {
                "organisation": "Stadt Heidelberg",
                "partner": "mannheim",
                "stage": "production",
                "stage_label": "Produktivbetrieb",
                "stage_since": row["adoptions"][0]["stage_since"],
            }
        ]
        assert row["reuse_count"] == 1
        assert row["project"]["slug"] == "maengel-rn"
        assert row["project"]["url"] == f"{SITE}/projekte/maengel-rn/"

    def test_internal_origin_project_is_not_named(self, client, world):
        response = api(client, "solutions/statistik/")
        assert response.json()["project"] is None
        assert "geheim" not in response.content.decode().lower()

    def test_detail_of_a_published_solution(self, client, world):
        response = api(client, "solutions/maengelmelder/")
        assert response.status_code == 200
        data = response.json()
        assert data["contact_email"] == "transfer@kooperationsraum.example.org"  # functional mailbox
        assert data["problem"] and data["publiccode_yml"]
        assert "contact_person" not in data
        assert_no_secrets(response.content.decode(), world)

    @pytest.mark.parametrize("slug", ["entwurf", "zurueckgezogen", "gibt-es-nicht"])
    def test_detail_of_anything_unpublished_is_404(self, client, world, slug):
        response = api(client, f"solutions/{slug}/")
        assert response.status_code == 404
        assert set(response.json()) == {"errors"}
        assert "Unfertiger" not in response.content.decode()


class TestApiProjectsAndPartners:
    def test_projects_are_public_ones_only(self, client, world):
        response = api(client, "projects/")
        assert response.status_code == 200
        data = response.json()
        assert [row["slug"] for row in data["results"]] == ["maengel-rn"]
        project = data["results"][0]
        assert project["url"] == f"{SITE}/projekte/maengel-rn/"
        assert project["lead_partner"]["slug"] == "bw"
        assert [s["slug"] for s in project["solutions"]] == ["maengelmelder"]
        assert_no_secrets(response.content.decode(), world)

    def test_project_lists_only_its_published_solutions(self, client, world):
        SolutionFactory(title="Noch ein Entwurf", state=SolutionState.DRAFT, project=world["public_project"])
        project = api(client, "projects/").json()["results"][0]
        assert [s["slug"] for s in project["solutions"]] == ["maengelmelder"]

    def test_partners_with_kind_land_website_and_current_networks(self, client, world):
        today = timezone.localdate()
        NetworkMembershipFactory(
            partner=world["land"],
            network__name="Kooperationsraum Rhein-Neckar",
            network__slug="krn",
            joined_on=today - timedelta(days=900),
        )
        NetworkMembershipFactory(
            partner=world["land"],
            network__name="Ehemaliger Verbund",
            network__slug="alt",
            joined_on=today - timedelta(days=900),
            left_on=today - timedelta(days=1),
        )
        response = api(client, "partners/")
        rows = {row["slug"]: row for row in response.json()["results"]}
        land = rows["bw"]
        assert land["kind"] == "land" and land["kind_label"] == "Land"
        assert land["land"] == "BW" and land["land_label"] == "Baden-Württemberg"
        assert land["website"] == "https://www.baden-wuerttemberg.de"
        assert [n["slug"] for n in land["networks"]] == ["krn"]
        assert land["url"] == f"{SITE}/partner/bw/"
        assert "contact_email" not in land
        assert_no_secrets(response.content.decode(), world)


class TestApiFilters:
    @pytest.fixture
    def catalogue(self, world):
        """Besides `world`: an MPL solution from Hessen on model 2.0 in evaluation, a proprietary one."""
        hessen = PartnerFactory(name="Hessen", slug="he", kind=PartnerKind.LAND, state=State.HE)
        other = SolutionFactory(
            title="Behördennummer-Anbindung",
            slug="anbindung-115",
            licence=Licence.MPL_2,
            short_description="Anbindung an die 115",
        )
        other.partners.add(hessen)
        ServiceCoverageFactory(
            solution=other, themenfeld=OzgThemenfeld.BAUEN_WOHNEN, maturity_model=MaturityModel.V2, maturity_level=6
        )
        AdoptionFactory(solution=other, stage=AdoptionStage.EVALUATION)
        SolutionFactory(title="Gekaufte Fachanwendung", slug="fachanwendung", licence=Licence.PROPRIETARY)
        # Factories bypass the service that keeps the search vector (used on PostgreSQL) current.
        search_vector_refresh(solution_ids=Solution.objects.values_list("pk", flat=True))
        return world

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({}, {"maengelmelder", "statistik", "anbindung-115", "fachanwendung"}),
            ({"focus_area": "mobile-verwaltung"}, {"maengelmelder"}),
            ({"maturity": "5"}, {"anbindung-115"}),
            ({"maturity": "3"}, {"maengelmelder", "anbindung-115"}),
            ({"maturity_model": "1.x"}, {"maengelmelder"}),
            ({"land": "HE"}, {"anbindung-115"}),
            ({"partner": "mannheim"}, {"maengelmelder"}),
            ({"partner": "he"}, {"anbindung-115"}),
            ({"themenfeld": "bauen"}, {"anbindung-115"}),
            ({"licence_type": "open_data"}, {"statistik"}),
            ({"licence_type": "proprietary"}, {"fachanwendung"}),
            ({"open_source": "true"}, {"maengelmelder", "anbindung-115"}),
            ({"open_source": "false"}, {"maengelmelder", "statistik", "anbindung-115", "fachanwendung"}),
            ({"reuse_stage": "evaluation"}, {"anbindung-115"}),
            ({"q": "Behördennummer"}, {"anbindung-115"}),
            ({"land": "BW", "open_source": "1"}, {"maengelmelder"}),
            ({"q": "Entwurf"}, set()),  # drafts stay hidden from a search too
        ],
    )
    def test_filters(self, client, catalogue, params, expected):
        response = api(client, "solutions/", **params)
        assert response.status_code == 200, response.json()
        assert {row["slug"] for row in response.json()["results"]} == expected

    def test_filters_on_an_existing_partner_without_solutions_find_nothing(self, client, catalogue):
        PartnerFactory(slug="stadt-ohne-loesung")
        response = api(client, "solutions/", partner="stadt-ohne-loesung")
        assert response.status_code == 200 and response.json()["count"] == 0

    def test_sort_newest(self, client, catalogue):
        response = api(client, "solutions/", sort="newest")
        assert response.json()["results"][0]["slug"] == "fachanwendung"


class TestApiPagination:
    def test_pages_with_next_and_previous(self, client, world):
        SolutionFactory.create_batch(3)  # 5 in all
        first = api(client, "solutions/", page_size="2").json()
        assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
        assert "page=2" in first["next"]
        last = api(client, "solutions/", page_size="2", page="3").json()
        assert len(last["results"]) == 1 and last["next"] is None
        seen = [
            r["slug"]
            for p in (1, 2, 3)
            for r in api(client, "solutions/", page_size="2", page=str(p)).json()["results"]
        ]
        assert len(set(seen)) == 5

    def test_default_and_maximum_page_size(self, client, world):
        SolutionFactory.create_batch(119)
        assert len(api(client, "solutions/").json()["results"]) == 20
        assert len(api(client, "solutions/", page_size="100").json()["results"]) == 100

    def test_page_past_the_end_is_404_with_errors(self, client, world):
        response = api(client, "solutions/", page="9")
        assert response.status_code == 404
        assert "letzte ist Seite 1" in response.json()["errors"]["page"][0]


class TestApiRefusesWhatItCannotRead:
    @pytest.mark.parametrize(
        ("params", "field", "message"),
        [
            ({"page": "abc"}, "page", "ganze Zahl"),
            ({"page": "0"}, "page", "ganze Zahl"),
            ({"page": "-1"}, "page", "ganze Zahl"),
            ({"page": "1" * 5000}, "page", None),
            ({"page_size": "-1"}, "page_size", "ganze Zahl"),
            ({"page_size": "0"}, "page_size", "ganze Zahl"),
            ({"page_size": "zehn"}, "page_size", "ganze Zahl"),
            ({"page_size": "1000"}, "page_size", "Höchstens 100"),
            ({"maturity": "x"}, "maturity", "gibt es nicht"),
            ({"maturity": "8"}, "maturity", "gibt es nicht"),
            ({"maturity_model": "3.0"}, "maturity_model", "gibt es nicht"),
            ({"themenfeld": "weltraum"}, "themenfeld", "gibt es nicht"),
            ({"focus_area": "gibt-es-nicht"}, "focus_area", "gibt es nicht"),
            ({"partner": "gibt-es-nicht"}, "partner", "gibt es nicht"),
            ({"land": "XX"}, "land", "gibt es nicht"),
            ({"licence_type": "frei"}, "licence_type", "gibt es nicht"),
            ({"open_source": "vielleicht"}, "open_source", "gibt es nicht"),
            ({"reuse_stage": "irgendwann"}, "reuse_stage", "gibt es nicht"),
            ({"sort": "zufall"}, "sort", "gibt es nicht"),
        ],
    )
    def test_malformed_parameter_is_400_with_german_errors(self, client, world, params, field, message):
        response = api(client, "solutions/", **params)
        if field == "page" and message is None:  # a huge number: too large, so past the last page
            assert response.status_code == 404 and "page" in response.json()["errors"]
            return
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert field in errors
        assert message in errors[field][0]

    def test_errors_stay_german_for_english_clients(self, client, world):
        response = client.get("/api/v1/solutions/", {"maturity": "x"}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert "gibt es nicht" in response.json()["errors"]["maturity"][0]
        assert response["Content-Language"] == "de"

    def test_not_found_is_json_too(self, client, world):
        response = api(client, "solutions/entwurf/")
        assert response.json() == {"errors": {"detail": ["Nicht gefunden."]}}

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_writing_is_refused(self, client, world, method):
        response = getattr(client, method)(
            "/api/v1/solutions/maengelmelder/", data="{}", content_type="application/json"
        )
        assert response.status_code == 405
        assert "errors" in response.json()

    def test_head_and_options_work(self, client, world):
        assert client.head("/api/v1/solutions/").status_code == 200
        response = client.options("/api/v1/solutions/")
        assert response.status_code == 200 and "POST" not in response["Allow"]

    def test_json_only(self, client, world):
        response = client.get("/api/v1/solutions/", HTTP_ACCEPT="text/html")
        assert response.status_code == 406  # no browsable API, so no page needing inline scripts

    def test_session_of_a_logged_in_user_changes_nothing(self, client, world, secretariat):
        client.force_login(secretariat)
        data = api(client, "solutions/").json()
        assert {row["slug"] for row in data["results"]} == {"maengelmelder", "statistik"}


class TestOpenApiSchema:
    def test_schema_describes_the_three_endpoints(self, client, db):
        response = client.get("/api/v1/schema/", {"format": "json"})
        assert response.status_code == 200
        schema = json.loads(response.content)
        assert schema["info"]["title"] == "Kooperationsraum API"
        assert schema["info"]["version"] == "1.0.0"
        assert {"/solutions/", "/solutions/{slug}/", "/projects/", "/partners/"} <= set(schema["paths"])
        names = {p["name"] for p in schema["paths"]["/solutions/"]["get"]["parameters"]}
        assert {
            "focus_area",
            "maturity",
            "maturity_model",
            "land",
            "partner",
            "themenfeld",
            "licence_type",
            "open_source",
            "reuse_stage",
            "q",
            "page",
            "page_size",
        } <= names
        for path in schema["paths"].values():
            assert set(path) == {"get"}  # read-only
        solution = schema["components"]["schemas"]["SolutionDetail"]["properties"]
        assert "contact_person" not in solution and "contact_email" in solution

    def test_schema_as_yaml_by_default(self, client, db):
        response = client.get("/api/v1/schema/")
        assert response.status_code == 200 and b"title: Kooperationsraum API" in response.content
