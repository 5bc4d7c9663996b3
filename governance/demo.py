"""Demo data for governance: the real partners, networks and agreements, fictional people.

The data is in `demo/governance.yaml` (read by `kooperationsraum.demo_data`); this module turns it
into rows. Partners, networks and agreements are updated in place on every run; people keep the
password they were given when first created.
"""

from dataclasses import dataclass
from datetime import date

from governance.models import (
    Agreement,
    AgreementKind,
    FocusArea,
    Network,
    NetworkMembership,
    Partner,
    PartnerKind,
    Role,
    RoleAssignment,
    State,
    User,
)
from kooperationsraum.demo_data import demo_data


@dataclass(frozen=True)
class DemoPerson:
    """A fictional person holding `role` for the partner with slug `partner` from `valid_from` on."""

    email: str
    first_name: str
    last_name: str
    role: str
    partner: str
    valid_from: date
    valid_until: date | None = None

    @classmethod
    def from_data(cls, item: dict) -> "DemoPerson":
        return cls(**{**item, "role": Role(item["role"])})


DATA = demo_data("governance")
DEMO_PASSWORD: str = DATA["password"]
PEOPLE = [DemoPerson.from_data(item) for item in DATA["people"]]


def _seed_partners() -> dict[str, Partner]:
    partners = {}
    for item in DATA["partners"]:
        partners[item["slug"]], _ = Partner.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "kind": PartnerKind(item["kind"]),
                "state": State(item["state"]) if item.get("state") else "",
                "website": item["website"],
            },
        )
    return partners


def _seed_networks(partners: dict[str, Partner]) -> dict[str, Network]:
    networks = {}
    for item in DATA["networks"]:
        slug = item["slug"]
        networks[slug], _ = Network.objects.update_or_create(
            slug=slug,
            defaults={
                "name": item["name"],
                "description": item["description"],
                "founded_on": item.get("founded_on"),
            },
        )
        for partner_slug in item["members"]:
            NetworkMembership.objects.get_or_create(
                network=networks[slug], partner=partners[partner_slug], joined_on=item["members_joined_on"]
            )
    return networks


def _seed_agreements(partners: dict[str, Partner], networks: dict[str, Network]) -> None:
    for item in DATA["agreements"]:
        agreement, _ = Agreement.objects.update_or_create(
            title=item["title"],
            defaults={
                "kind": AgreementKind(item["kind"]),
                "network": networks[item["network"]],
                "signed_on": item["signed_on"],
                "signed_at": item.get("signed_at", ""),
                "valid_from": item["valid_from"],
                "valid_until": item.get("valid_until"),
                "summary": item["summary"],
            },
        )
        agreement.parties.set([partners[slug] for slug in item["parties"]])


def _seed_focus_areas(networks: dict[str, Network]) -> None:
    for position, item in enumerate(DATA["focus_areas"]):
        FocusArea.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "network": networks[item["network"]],
                "description": item["description"],
                "position": position,
            },
        )


def _seed_people(partners: dict[str, Partner]) -> None:
    for spec in PEOPLE:
        person, created = User.objects.get_or_create(
            email=spec.email, defaults={"first_name": spec.first_name, "last_name": spec.last_name}
        )
        if created:
            person.set_password(DEMO_PASSWORD)
            person.save(update_fields=["password"])
        RoleAssignment.objects.update_or_create(
            person=person,
            partner=partners[spec.partner],
            role=spec.role,
            valid_from=spec.valid_from,
            defaults={"valid_until": spec.valid_until},
        )


def seed() -> str:
    partners = _seed_partners()
    networks = _seed_networks(partners)
    _seed_agreements(partners, networks)
    _seed_focus_areas(networks)
    _seed_people(partners)
    return (
        f"{len(partners)} Partner, {len(networks)} Verbünde, {len(DATA['agreements'])} Vereinbarungen, "
        f"{len(DATA['focus_areas'])} Arbeitsschwerpunkte, {len(PEOPLE)} Personen"
    )
