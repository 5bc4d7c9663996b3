"""Demo data for governance: the real partners, networks and agreements, fictional people.

Partners, networks, the Essen agreement of 2012-11-12 and the renewal of 2025-11-25 are real.
Where only the year is known (the Kooperationsraum started in 2010) the first of January stands
in. All people are fictional and use example.org addresses.
"""

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

DEMO_PASSWORD = "Kooperationsraum-Demo-2026"

PARTNERS = [
    # slug, name, short name, kind, state, website
    ("bw", "Baden-Württemberg", "BW", PartnerKind.LAND, State.BW, "https://www.baden-wuerttemberg.de"),
    ("he", "Hessen", "HE", PartnerKind.LAND, State.HE, "https://www.hessen.de"),
    ("rp", "Rheinland-Pfalz", "RP", PartnerKind.LAND, State.RP, "https://www.rlp.de"),
    ("mrn", "Metropolregion Rhein-Neckar GmbH", "MRN", PartnerKind.METROPOLITAN_REGION, "", "https://www.m-r-n.com"),
    ("mannheim", "Stadt Mannheim", "Mannheim", PartnerKind.CITY, State.BW, "https://www.mannheim.de"),
    ("heidelberg", "Stadt Heidelberg", "Heidelberg", PartnerKind.CITY, State.BW, "https://www.heidelberg.de"),
    (
        "ludwigshafen",
        "Stadt Ludwigshafen am Rhein",
        "Ludwigshafen",
        PartnerKind.CITY,
        State.RP,
        "https://www.ludwigshafen.de",
    ),
    (
        "rhein-neckar-kreis",
        "Rhein-Neckar-Kreis",
        "RNK",
        PartnerKind.DISTRICT,
        State.BW,
        "https://www.rhein-neckar-kreis.de",
    ),
    (
        "rhein-pfalz-kreis",
        "Rhein-Pfalz-Kreis",
        "RPK",
        PartnerKind.DISTRICT,
        State.RP,
        "https://www.rhein-pfalz-kreis.de",
    ),
    (
        "kreis-bergstrasse",
        "Kreis Bergstraße",
        "Bergstraße",
        PartnerKind.DISTRICT,
        State.HE,
        "https://www.kreis-bergstrasse.de",
    ),
    ("koeln", "Stadt Köln", "Köln", PartnerKind.CITY, State.NW, "https://www.stadt-koeln.de"),
    ("bonn", "Bundesstadt Bonn", "Bonn", PartnerKind.CITY, State.NW, "https://www.bonn.de"),
    (
        "rhein-sieg-kreis",
        "Rhein-Sieg-Kreis",
        "Rhein-Sieg",
        PartnerKind.DISTRICT,
        State.NW,
        "https://www.rhein-sieg-kreis.de",
    ),
    (
        "rhein-erft-kreis",
        "Rhein-Erft-Kreis",
        "Rhein-Erft",
        PartnerKind.DISTRICT,
        State.NW,
        "https://www.rhein-erft-kreis.de",
    ),
    (
        "rhein-kreis-neuss",
        "Rhein-Kreis Neuss",
        "Neuss",
        PartnerKind.DISTRICT,
        State.NW,
        "https://www.rhein-kreis-neuss.de",
    ),
    ("kreis-dueren", "Kreis Düren", "Düren", PartnerKind.DISTRICT, State.NW, "https://www.kreis-dueren.de"),
    (
        "staedteregion-aachen",
        "Städteregion Aachen",
        "Aachen",
        PartnerKind.DISTRICT,
        State.NW,
        "https://www.staedteregion-aachen.de",
    ),
    ("komm-one", "Komm.ONE", "Komm.ONE", PartnerKind.IT_PROVIDER, State.BW, "https://www.komm.one"),
    ("ekom21", "ekom21 – KGRZ Hessen", "ekom21", PartnerKind.IT_PROVIDER, State.HE, "https://www.ekom21.de"),
]

KOOPERATIONSRAUM = "kooperationsraum"
RHEINLAND = "erprobungsraum-rheinland"
NETWORKS = {
    KOOPERATIONSRAUM: {
        "name": "Kooperationsraum Rhein-Neckar",
        "description": (
            "Föderaler Kooperationsraum für Verwaltungsmodernisierung der Länder Baden-Württemberg, "
            "Hessen und Rheinland-Pfalz mit der Metropolregion Rhein-Neckar, seit 2010."
        ),
        "founded_on": None,
        "members": [
            ("bw", date(2010, 1, 1)),
            ("he", date(2010, 1, 1)),
            ("rp", date(2010, 1, 1)),
            ("mrn", date(2010, 1, 1)),
            ("mannheim", date(2010, 1, 1)),
            ("heidelberg", date(2010, 1, 1)),
            ("ludwigshafen", date(2010, 1, 1)),
            ("rhein-neckar-kreis", date(2010, 1, 1)),
            ("rhein-pfalz-kreis", date(2010, 1, 1)),
            ("kreis-bergstrasse", date(2010, 1, 1)),
        ],
    },
    RHEINLAND: {
        "name": "Erprobungsraum Rheinland",
        "description": (
            "Kreise und Städte im Rheinland, die gemeinsam digitale Verwaltung erproben. Keine neue "
            "Organisation, keine Umlagefinanzierung; offen für neue Mitglieder und Themen."
        ),
        "founded_on": date(2012, 11, 12),
        "members": [
            (slug, date(2012, 11, 12))
            for slug in [
                "koeln",
                "bonn",
                "rhein-sieg-kreis",
                "rhein-erft-kreis",
                "rhein-kreis-neuss",
                "kreis-dueren",
                "staedteregion-aachen",
            ]
        ],
    },
}

AGREEMENTS = [
    {
        "title": "Vereinbarung über den Erprobungsraum Rheinland",
        "kind": AgreementKind.AGREEMENT,
        "network": RHEINLAND,
        "signed_on": date(2012, 11, 12),
        "signed_at": "Essen",
        "valid_from": date(2012, 11, 12),
        "valid_until": None,
        "summary": (
            "Keine neue Organisation, keine Umlagefinanzierung; die Investition eines Mitglieds "
            "begründet keine ungewollten Verpflichtungen anderer Mitglieder."
        ),
        "parties": NETWORKS[RHEINLAND]["members"],
    },
    {
        "title": "Fortschreibung der Kooperationsvereinbarung des Kooperationsraums 2025–2030",
        "kind": AgreementKind.AGREEMENT,
        "network": KOOPERATIONSRAUM,
        "signed_on": date(2025, 11, 25),
        "signed_at": "",
        "valid_from": date(2025, 11, 25),
        "valid_until": date(2030, 11, 24),
        "summary": "Verlängerung der Zusammenarbeit um fünf Jahre, bis 2030.",
        "parties": [("bw", None), ("he", None), ("rp", None), ("mrn", None)],
    },
]

FOCUS_AREAS = [
    # slug, name, network, description
    (
        "offene-bildungsinfrastruktur",
        "Offene Bildungsinfrastruktur",
        RHEINLAND,
        "Offene, gemeinsam genutzte Infrastruktur für Bildungseinrichtungen.",
    ),
    (
        "mobile-vernetzte-verwaltung",
        "Mobile und vernetzte Verwaltung",
        RHEINLAND,
        "Behördennummer 115, kreisübergreifende Kfz-Zulassung, mobile Schadensmeldung, E-Vergabe, Telemedizin.",
    ),
    (
        "open-data-partizipation",
        "Offene Verwaltungsdaten und politische Partizipation",
        RHEINLAND,
        "Offene Verwaltungsdaten und Beteiligung, etwa Bürgerhaushalte.",
    ),
    (
        "ozg-leistungen",
        "Digitale Verwaltungsleistungen (OZG)",
        KOOPERATIONSRAUM,
        "Onlinezugang zu Verwaltungsleistungen nach dem Einer-für-Alle-Prinzip.",
    ),
    (
        "reallabor",
        "Reallabor: Erprobung in der Verwaltung",
        KOOPERATIONSRAUM,
        "Lösungen im echten Verwaltungsalltag der Partner erproben.",
    ),
    (
        "transfer-nachnutzung",
        "Transfer und Nachnutzung",
        KOOPERATIONSRAUM,
        "Erprobte Lösungen bundesweit zur Nachnutzung anbieten.",
    ),
    (
        "open-source-souveraenitaet",
        "Open Source und digitale Souveränität",
        KOOPERATIONSRAUM,
        "Offene Lizenzen und offene Standards für nachnutzbare Software.",
    ),
    (
        "datenaustausch-register",
        "Datenaustausch und Registermodernisierung",
        KOOPERATIONSRAUM,
        "Prozessdatenaustausch, etwa mit P23R, und moderne Register.",
    ),
]

PEOPLE = [
    # e-mail, first name, last name, role, partner slug, valid from, valid until
    ("geschaeftsstelle@example.org", "Sabine", "Keller", Role.SECRETARIAT, "mrn", date(2020, 1, 1), None),
    ("referent.geschaeftsstelle@example.org", "Jonas", "Brandt", Role.SECRETARIAT, "mrn", date(2023, 4, 1), None),
    ("cio.bw@example.org", "Andrea", "Vogt", Role.CIO, "bw", date(2022, 5, 1), None),
    ("cio-vertretung.bw@example.org", "Martin", "Scholz", Role.CIO_DEPUTY, "bw", date(2022, 5, 1), None),
    ("cio.he@example.org", "Claudia", "Wagner", Role.CIO, "he", date(2024, 1, 1), None),
    ("cio-vertretung.he@example.org", "Felix", "Hoffmann", Role.CIO_DEPUTY, "he", date(2024, 1, 1), None),
    ("cio.rp@example.org", "Petra", "Schäfer", Role.CIO, "rp", date(2025, 7, 1), None),
    ("cio-vertretung.rp@example.org", "Tobias", "Koch", Role.CIO_DEPUTY, "rp", date(2025, 7, 1), None),
    ("ehemals.cio.rp@example.org", "Rainer", "Becker", Role.CIO, "rp", date(2019, 1, 1), date(2025, 6, 30)),
    ("lenkungskreis.bw@example.org", "Miriam", "Richter", Role.STEERING_MEMBER, "bw", date(2021, 1, 1), None),
    ("lenkungskreis-vertretung.bw@example.org", "Stefan", "Wolf", Role.STEERING_DEPUTY, "bw", date(2021, 1, 1), None),
    ("lenkungskreis.he@example.org", "Julia", "Neumann", Role.STEERING_MEMBER, "he", date(2024, 1, 1), None),
    (
        "lenkungskreis-vertretung.he@example.org",
        "Daniel",
        "Schwarz",
        Role.STEERING_DEPUTY,
        "he",
        date(2024, 1, 1),
        None,
    ),
    ("lenkungskreis.rp@example.org", "Katrin", "Zimmermann", Role.STEERING_MEMBER, "rp", date(2025, 7, 1), None),
    ("lenkungskreis-vertretung.rp@example.org", "Oliver", "Krüger", Role.STEERING_DEPUTY, "rp", date(2025, 7, 1), None),
    ("lenkungskreis.mrn@example.org", "Birgit", "Hartmann", Role.STEERING_MEMBER, "mrn", date(2020, 1, 1), None),
    (
        "lenkungskreis-vertretung.mrn@example.org",
        "Markus",
        "Lange",
        Role.STEERING_DEPUTY,
        "mrn",
        date(2020, 1, 1),
        None,
    ),
    ("projekt.mannheim@example.org", "Lena", "Schmitt", Role.PROJECT_CONTACT, "mannheim", date(2024, 3, 1), None),
    ("projekt.koeln@example.org", "Ahmet", "Yilmaz", Role.PROJECT_CONTACT, "koeln", date(2023, 9, 1), None),
    (
        "projekt.ludwigshafen@example.org",
        "Nina",
        "Werner",
        Role.PROJECT_CONTACT,
        "ludwigshafen",
        date(2025, 2, 1),
        None,
    ),
]


def _seed_partners() -> dict[str, Partner]:
    partners = {}
    for slug, name, short_name, kind, state, website in PARTNERS:
        partners[slug], _ = Partner.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short_name, "kind": kind, "state": state, "website": website},
        )
    return partners


def _seed_networks(partners: dict[str, Partner]) -> dict[str, Network]:
    networks = {}
    for slug, data in NETWORKS.items():
        networks[slug], _ = Network.objects.update_or_create(
            slug=slug,
            defaults={"name": data["name"], "description": data["description"], "founded_on": data["founded_on"]},
        )
        for partner_slug, joined_on in data["members"]:
            NetworkMembership.objects.get_or_create(
                network=networks[slug], partner=partners[partner_slug], joined_on=joined_on
            )
    return networks


def _seed_agreements(partners, networks) -> None:
    for data in AGREEMENTS:
        fields = {k: v for k, v in data.items() if k not in {"title", "network", "parties"}}
        agreement, _ = Agreement.objects.update_or_create(
            title=data["title"], defaults={**fields, "network": networks[data["network"]]}
        )
        agreement.parties.set([partners[slug] for slug, _joined in data["parties"]])


def _seed_focus_areas(networks) -> None:
    for position, (slug, name, network, description) in enumerate(FOCUS_AREAS):
        FocusArea.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "network": networks[network], "description": description, "position": position},
        )


def _seed_people(partners) -> None:
    for email, first_name, last_name, role, partner_slug, valid_from, valid_until in PEOPLE:
        person, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            person.set_password(DEMO_PASSWORD)
            person.save(update_fields=["password"])
        RoleAssignment.objects.update_or_create(
            person=person,
            partner=partners[partner_slug],
            role=role,
            valid_from=valid_from,
            defaults={"valid_until": valid_until},
        )


def seed() -> str:
    partners = _seed_partners()
    networks = _seed_networks(partners)
    _seed_agreements(partners, networks)
    _seed_focus_areas(networks)
    _seed_people(partners)
    return (
        f"{len(partners)} Partner, {len(networks)} Verbünde, {len(AGREEMENTS)} Vereinbarungen, "
        f"{len(FOCUS_AREAS)} Arbeitsschwerpunkte, {len(PEOPLE)} Personen"
    )
