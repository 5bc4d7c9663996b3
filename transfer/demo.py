"""Demo data for the transfer platform: solutions offered from the demo projects, their OZG services,
adoptions at every stage and a few reuse requests.

Projects, partners and people come from `projects.demo` and `governance.demo` (run first by
`seed_demo`). Everything is invented and marked: every short description starts with "[Demo]",
the problem text is the demo project's description ("Demodaten: fiktives Projekt"), links point
to example.org and contacts are functional mailboxes at kooperationsraum.example.org.

Solutions are created, saved, published and withdrawn through the services, as the secretariat
(`geschaeftsstelle@example.org`) would in the workspace, so the audit trail shows how they came
about; publishing walks `solution_publish`, which refuses anything not transfer-ready. OZG services
and reuse requests are plain inserts: no service creates them (requests come from the public form,
which would send confirmation mails). After each service call the demo dates a few things back
(publication, last review, "stage since"), so the catalogue has an order and the pipeline a history.

Running `seed()` again skips every solution whose slug already exists: nothing changes, no audit event
is written.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import yaml
from django.db import transaction
from django.utils import timezone

from governance.models import Partner, User
from projects.models import Project
from transfer.models import (
    Adoption,
    AdoptionStage,
    BaseComponent,
    Inquiry,
    InquiryState,
    Licence,
    MaturityModel,
    OzgThemenfeld,
    ServiceCoverage,
    Solution,
    SolutionState,
)
from transfer.services import (
    adoption_save,
    inquiry_to_adoption,
    search_vector_refresh,
    solution_create_from_project,
    solution_publish,
    solution_save,
    solution_unpublish,
)

SECRETARIAT_EMAIL = "geschaeftsstelle@example.org"
DEMO_PREFIX = "[Demo] "
MAILDOMAIN = "kooperationsraum.example.org"
REPO = "https://code.example.org/kooperationsraum"
DOCS = "https://docs.example.org"
EVIDENCE = "https://www.example.org/beschluesse"

PUBLISHED, DRAFT, UNPUBLISHED = "published", "draft", "unpublished"
V1, V2 = MaturityModel.V1, MaturityModel.V2
T = OzgThemenfeld
FIT, DID, N115, PAY, P23R = (
    BaseComponent.FIT_CONNECT,
    BaseComponent.DEUTSCHLAND_ID,
    BaseComponent.BEHOERDENNUMMER_115,
    BaseComponent.EPAYMENT,
    BaseComponent.P23R,
)
INT, E, P, PR, END = (
    AdoptionStage.INTEREST,
    AdoptionStage.EVALUATION,
    AdoptionStage.PILOT,
    AdoptionStage.PRODUCTION,
    AdoptionStage.ENDED,
)


@dataclass(frozen=True)
class Svc:
    """An OZG service: LeiKa key, name, Themenfeld, maturity model and level."""

    key: str
    name: str
    themenfeld: str
    model: str
    level: int


@dataclass(frozen=True)
class Adopt:
    """An adoption: by a partner (its slug) or an outside administration; in its stage since `months` ago."""

    who: str
    stage: str
    months: int
    contact: str = ""
    evidence: str = ""
    partner: bool = False


@dataclass(frozen=True)
class Ask:
    """A reuse request; `adopt` turns a confirmed one into an adoption through the service."""

    administration: str
    contact_name: str
    contact_email: str
    message: str
    state: str = InquiryState.CONFIRMED
    days: int = 10
    adopt: bool = False


@dataclass(frozen=True)
class DemoSolution:
    project: str  # the demo project's slug; the solution takes the same slug
    short: str
    target_group: str
    how: str
    licence: str
    services: tuple[Svc, ...] = ()
    base: tuple[str, ...] = ()
    operating_model: str = ""
    prerequisites: str = ""
    contact: tuple[str, str] | None = None  # (label, mailbox before the @)
    is_software: bool = True
    outcome: str = PUBLISHED
    published: int = 6  # months ago
    reviewed: int = 1  # months ago
    unpublish_reason: str = ""
    adoptions: tuple[Adopt, ...] = ()
    inquiries: tuple[Ask, ...] = ()
    publiccode: bool = True


SOLUTIONS: list[DemoSolution] = [
    DemoSolution(
        project="kfz-zulassung-kreisuebergreifend",
        licence=Licence.EUPL_12,
        published=14,
        short="Fahrzeuge online und kreisübergreifend zulassen, umschreiben und außer Betrieb setzen.",
        target_group="Zulassungsbehörden der Kreise und kreisfreien Städte",
        how="Eine Schnittstelle verbindet die Landesportale mit den Fachverfahren der Zulassungsstellen; "
        "Bescheide und Plaketten gehen per Post, Gebühren werden online bezahlt.",
        prerequisites="Anbindung an das eigene Zulassungsfachverfahren; Nutzungsvereinbarung mit dem Betreiber.",
        operating_model="Betrieb der Schnittstelle im Rechenzentrum von Komm.ONE; jede Zulassungsstelle schließt "
        "einen eigenen Nutzungsvertrag.",
        contact=("Transferstelle i-Kfz", "i-kfz"),
        base=(DID, PAY),
        services=(
            Svc("99036012104000", "Fahrzeug zulassen", T.MOBILITAET_REISEN, V2, 6),
            Svc("99036012261000", "Fahrzeug außer Betrieb setzen", T.MOBILITAET_REISEN, V1, 4),
            Svc("99036012118000", "Halterwechsel melden", T.MOBILITAET_REISEN, V1, 3),
        ),
        adoptions=(
            Adopt(
                "kreis-bergstrasse",
                PR,
                20,
                "Zulassungsstelle Kreis Bergstraße",
                f"{EVIDENCE}/kreis-bergstrasse-ikfz",
                partner=True,
            ),
            Adopt(
                "rhein-pfalz-kreis", PR, 16, "Zulassungsstelle, zulassung@rhein-pfalz-kreis.example.org", partner=True
            ),
            Adopt("Landkreis Karlsruhe", P, 3, "Straßenverkehrsamt, Funktionspostfach Zulassung"),
            Adopt("Landkreis Kaiserslautern", E, 2, "Zulassungsstelle"),
            Adopt("Enzkreis", INT, 1, "Amt für Straßenverkehr"),
        ),
        inquiries=(
            Ask(
                "Landkreis Germersheim",
                "Frau Demo-Kühn",
                "zulassung.demo@example.org",
                "Wir möchten die kreisübergreifende Zulassung ab dem nächsten Jahr nachnutzen. "
                "Welche Anpassungen am Fachverfahren sind nötig?",
                days=5,
            ),
        ),
    ),
    DemoSolution(
        project="maengelmelder-rheinland",
        licence=Licence.EUPL_12,
        published=9,
        short="Mängel im öffentlichen Raum mobil melden: mit Foto und Standort direkt an das zuständige Amt.",
        target_group="Städte, Gemeinden und Kreise",
        how="App und Webformular ermitteln aus dem Standort die zuständige Kommune und leiten die Meldung an "
        "deren Fachverfahren weiter; der Bearbeitungsstand ist öffentlich.",
        operating_model="Mandantenfähiger Betrieb durch die Stadt Köln; weitere Kommunen werden als Mandant "
        "angebunden und tragen nur ihre eigenen Kosten.",
        contact=("Servicestelle Mängelmelder", "maengelmelder"),
        base=(FIT,),
        services=(Svc("99001005000000", "Mängel im öffentlichen Raum melden", T.RECHT_ORDNUNG, V1, 3),),
        adoptions=(
            Adopt("bonn", PR, 12, "Tiefbauamt, Meldemanagement", partner=True),
            Adopt("Stadt Leverkusen", END, 4, "Bürgerbüro", "Eigene Lösung im Landesportal eingeführt"),
            Adopt("Stadt Düsseldorf", E, 2, "Amt für Digitalisierung"),
        ),
        inquiries=(
            Ask(
                "Stadt Troisdorf",
                "Herr Demo-Berg",
                "digitalisierung.demo@example.org",
                "Wir interessieren uns für den Mängelmelder und würden gern an einem Termin teilnehmen.",
                days=8,
                adopt=True,
            ),
        ),
    ),
    DemoSolution(
        project="behoerdennummer-115-mrn",
        licence=Licence.CC_BY_4,
        is_software=False,
        publiccode=False,
        published=30,
        reviewed=5,
        short="Die Wissensdatenbank und das Serviceversprechen der 115 für kommunale Servicecenter.",
        target_group="Kommunale Servicecenter und Bürgerbüros",
        how="Abgestimmte Leistungsbeschreibungen, Gesprächsleitfäden und ein Serviceversprechen für die "
        "Behördennummer 115; die Inhalte stehen unter CC BY 4.0.",
        operating_model="Jede Kommune betreibt ihr Servicecenter selbst; die Wissensdatenbank pflegt der 115-Verbund.",
        contact=("Geschäftsstelle Kooperationsraum, Transfer", "transfer"),
        base=(N115,),
        services=(Svc("99000000001000", "Allgemeine Auskunft zu Verwaltungsleistungen", T.QUERSCHNITT, V1, 1),),
        adoptions=(
            Adopt("heidelberg", PR, 40, "Bürgerservice Heidelberg", partner=True),
            Adopt("ludwigshafen", PR, 38, "Bürgerservice", partner=True),
        ),
    ),
    DemoSolution(
        project="e-vergabe-kommunal",
        licence=Licence.EUPL_12,
        published=12,
        short="Ausschreibungen vollständig elektronisch: Bekanntmachung, Angebot und Zuschlag auf einer Plattform.",
        target_group="Kommunale Vergabestellen, auch ohne eigene Vergabeabteilung",
        how="Musterunterlagen, eine Dienstanweisung und die gemeinsam betriebene Vergabeplattform.",
        prerequisites="Dienstanweisung E-Vergabe im eigenen Haus beschließen.",
        operating_model="Betrieb durch ekom21; jede Kommune schließt ihren eigenen Nutzungsvertrag.",
        contact=("Zentrale Vergabestelle, Transfer", "e-vergabe"),
        base=(DID,),
        services=(Svc("99118001001000", "Teilnahme an öffentlichen Ausschreibungen", T.UNTERNEHMENSFUEHRUNG, V1, 4),),
        adoptions=(
            Adopt("kreis-dueren", PR, 18, "Vergabestelle Kreis Düren", partner=True),
            Adopt("Kreis Euskirchen", P, 2, "Zentrale Vergabestelle"),
            Adopt("Stadt Siegburg", INT, 1, "Vergabestelle"),
        ),
    ),
    DemoSolution(
        project="open-data-portal-rhein-neckar",
        licence=Licence.DL_DE_BY_2,
        is_software=False,
        publiccode=False,
        published=10,
        short="Offene Verwaltungsdaten der Region mit Metadaten nach DCAT-AP.de, bereit für das nationale Portal.",
        target_group="Kommunen, die eigene Daten offen bereitstellen wollen",
        how="Datensätze zu Haushalt, Verkehr und Umwelt unter der Datenlizenz Deutschland, mit abgestimmtem "
        "Metadatenschema und Harvesting-Schnittstelle.",
        operating_model="Weitere Kommunen werden als eigener Mandant im Portal der MRN angebunden.",
        contact=("Open-Data-Team der MRN", "opendata"),
        services=(Svc("99000000002000", "Bereitstellung offener Verwaltungsdaten", T.QUERSCHNITT, V2, 4),),
        adoptions=(
            Adopt("mannheim", PR, 20, "Fachbereich Digitalisierung", partner=True),
            Adopt("heidelberg", PR, 18, "Amt für Digitales", partner=True),
            Adopt("Landkreis Südwestpfalz", E, 3, "Kreisverwaltung, Stabsstelle Digitales"),
        ),
    ),
    DemoSolution(
        project="buergerhaushalt-online",
        licence=Licence.AGPL_3,
        published=24,
        reviewed=7,
        short="Bürgerinnen und Bürger schlagen online Vorhaben für den Haushalt vor und bewerten sie.",
        target_group="Städte und Kreise mit Bürgerhaushalt",
        how="Eine Beteiligungsplattform mit Vorschlägen, Kommentaren und Bewertung; die Ergebnisse gehen als "
        "offene Daten an den Rat.",
        operating_model="Selbst betrieben oder als Mandant bei der Bundesstadt Bonn.",
        contact=("Bürgerbeteiligung Bonn, Transfer", "buergerhaushalt"),
        services=(Svc("99000000003000", "Beteiligung am Haushaltsverfahren", T.QUERSCHNITT, V1, 3),),
        adoptions=(Adopt("Stadt Trier", END, 10, "Stabsstelle Bürgerbeteiligung", "Verfahren 2024 abgeschlossen"),),
    ),
    DemoSolution(
        project="telemedizin-rettungsdienst",
        licence=Licence.PROPRIETARY,
        published=5,
        short="Notärztinnen und Notärzte unterstützen den Rettungsdienst per Video aus der Telenotarztzentrale.",
        target_group="Träger des Rettungsdienstes",
        how="Die Rettungswagen übertragen Vitaldaten und Video in die Telenotarztzentrale; die Software ist "
        "ein Produkt eines Herstellers, nachgenutzt wird das Betriebs- und Schulungskonzept.",
        prerequisites="Lizenzvertrag mit dem Hersteller; Ausstattung der Fahrzeuge.",
        operating_model="Telenotarztzentrale der Städteregion Aachen; Nutzungsvereinbarung je Träger.",
        contact=("Telenotarztzentrale, Kooperationen", "telenotarzt"),
        services=(Svc("99110001001000", "Notfallrettung", T.GESUNDHEIT, V2, 2),),
        adoptions=(Adopt("Kreis Heinsberg", P, 4, "Rettungsdienst, Ärztliche Leitung"),),
    ),
    DemoSolution(
        project="epayment-kommunal",
        licence=Licence.EUPL_12,
        published=8,
        short="Gebühren kommunaler Online-Dienste sicher bezahlen: ein gemeinsamer Anschluss an ePayment.",
        target_group="Kommunen mit gebührenpflichtigen Online-Diensten",
        how="Ein Bezahlmodul, das Online-Dienste an die ePayment-Plattform anbindet und Zahlungen dem "
        "Haushalt zuordnet.",
        operating_model="Betrieb durch den kommunalen IT-Dienstleister; Abrechnung je Transaktion.",
        contact=("ePayment-Servicestelle", "epayment"),
        base=(PAY,),
        services=(Svc("99000000004000", "Gebühren online bezahlen", T.QUERSCHNITT, V2, 5),),
        adoptions=(
            Adopt("Stadt Frankenthal (Pfalz)", INT, 1, "Stadtkasse"),
            Adopt("mannheim", P, 3, "Stadtkasse Mannheim", partner=True),
        ),
    ),
    DemoSolution(
        project="nachnutzungsboerse",
        licence=Licence.EUPL_12,
        published=20,
        short="Kommunale Lösungen finden und nachnutzen: die Börse, aus der diese Transferplattform entstand.",
        target_group="Digitalisierungsverantwortliche in Kommunen",
        how="Ein Katalog nachnutzbarer Lösungen mit Ansprechstellen und Erfahrungsberichten.",
        operating_model="Betrieb durch die Geschäftsstelle des Kooperationsraums.",
        contact=("Geschäftsstelle Kooperationsraum, Transfer", "transfer"),
        services=(Svc("99000000005000", "Information über nachnutzbare Verwaltungslösungen", T.QUERSCHNITT, V1, 1),),
    ),
    DemoSolution(
        project="gewerbeanmeldung-digital",
        licence=Licence.EUPL_12,
        published=16,
        short="Gewerbe online anmelden, ummelden und abmelden, mit Weiterleitung an alle beteiligten Stellen.",
        target_group="Gewerbeämter der Städte und Gemeinden",
        how="Der Antrag wird über FIT-Connect an das Fachverfahren übermittelt; Kammern und Finanzamt "
        "erhalten ihre Daten automatisch.",
        operating_model="Betrieb im Landesportal; Kommunen binden ihr Fachverfahren über FIT-Connect an.",
        contact=("Gewerbeamt Heidelberg, Transfer", "gewerbe"),
        base=(FIT, DID, PAY),
        services=(
            Svc("99050012104000", "Gewerbe anmelden", T.UNTERNEHMENSFUEHRUNG, V1, 4),
            Svc("99050012104001", "Gewerbe ummelden", T.UNTERNEHMENSFUEHRUNG, V1, 4),
            Svc("99050012104002", "Gewerbe abmelden", T.UNTERNEHMENSFUEHRUNG, V2, 5),
        ),
        adoptions=(
            Adopt("ludwigshafen", PR, 10, "Bereich Gewerbe", partner=True),
            Adopt("Stadt Speyer", P, 2, "Gewerbeamt"),
            Adopt("Stadt Worms", END, 6, "Gewerbeamt", "Wechsel auf eine Landeslösung"),
        ),
        inquiries=(
            Ask(
                "Stadt Neustadt an der Weinstraße",
                "Frau Demo-Schuster",
                "gewerbe.demo@example.org",
                "Die Anmeldung soll bei uns im Herbst starten. Gibt es eine Schulung für die Sachbearbeitung?",
                state=InquiryState.CLOSED,
                days=40,
            ),
        ),
    ),
    DemoSolution(
        project="mobile-buergerdienste",
        licence=Licence.CC_BY_4,
        is_software=False,
        publiccode=False,
        published=11,
        short="Bürgerdienste vor Ort: Ausweis- und Meldeangelegenheiten mit dem mobilen Bürgerkoffer.",
        target_group="Bürgerbüros in ländlichen Kreisen",
        how="Ein Koffer mit Erfassungsgeräten und ein Betriebskonzept für Termine in Pflegeheimen, "
        "Krankenhäusern und kleinen Gemeinden.",
        operating_model="Jede Kommune beschafft ihren Koffer selbst; Konzept und Schulung stehen unter CC BY 4.0.",
        contact=("Bürgerservice Rhein-Kreis Neuss", "buergerkoffer"),
        services=(
            Svc("99115001001000", "Personalausweis beantragen", T.RECHT_ORDNUNG, V1, 1),
            Svc("99115003001000", "Meldebescheinigung beantragen", T.RECHT_ORDNUNG, V1, 2),
        ),
        adoptions=(Adopt("rhein-erft-kreis", PR, 8, "Bürgerbüro Bergheim", partner=True),),
    ),
    DemoSolution(
        project="terminvergabe-buergerbueros",
        licence=Licence.MIT,
        published=7,
        short="Termine in Bürgerbüros online buchen, mit Erinnerung und freien Plätzen in Nachbarorten.",
        target_group="Bürgerbüros und Ausländerbehörden",
        how="Eine Terminverwaltung mit offener Schnittstelle für Landesportale und Aufrufsysteme.",
        operating_model="Als Dienst des Landes Rheinland-Pfalz oder selbst betrieben.",
        contact=("Servicestelle Terminvergabe", "termine"),
        base=(DID,),
        services=(Svc("99000000006000", "Termin bei der Verwaltung vereinbaren", T.QUERSCHNITT, V2, 6),),
        adoptions=(
            Adopt("Stadt Mainz", PR, 6, "Bürgeramt Mainz, Organisation"),
            Adopt("Landkreis Bad Dürkheim", E, 1, "Kreisverwaltung, Bürgerservice"),
        ),
    ),
    DemoSolution(
        project="formularservice-efa",
        licence=Licence.EUPL_12,
        published=4,
        short="Ein nachnutzbarer Formularservice für Einer-für-Alle-Leistungen, barrierefrei nach BITV 2.0.",
        target_group="Länder und Kommunen, die EfA-Leistungen anbinden",
        how="Formulare werden aus einem Baukasten erzeugt und über FIT-Connect zugestellt.",
        operating_model="Betrieb durch Komm.ONE; Übergabe in den Landesbetrieb geplant.",
        contact=("Formularservice, Nachnutzung", "formularservice"),
        base=(FIT, DID),
        services=(
            Svc("99107004001000", "Wohngeld beantragen", T.BAUEN_WOHNEN, V2, 5),
            Svc("99102013001000", "Hundesteuer anmelden", T.STEUERN_ZOLL, V2, 4),
        ),
        adoptions=(Adopt("heidelberg", P, 2, "Amt für Digitales, Formularteam", partner=True),),
    ),
    DemoSolution(
        project="ratsinformationen-oparl",
        licence=Licence.DL_DE_ZERO_2,
        is_software=False,
        publiccode=False,
        published=2,
        short="Sitzungen, Vorlagen und Beschlüsse der Räte als offene Daten über die OParl-Schnittstelle.",
        target_group="Städte und Kreise mit Ratsinformationssystem",
        how="Die Daten des Ratsinformationssystems werden nach OParl 1.1 bereitgestellt; Lizenz "
        "Datenlizenz Deutschland – Zero.",
        operating_model="Jede Kommune stellt ihre Schnittstelle selbst bereit; Leitfaden und Prüfwerkzeug "
        "kommen von der Stadt Heidelberg.",
        contact=("Open Government Heidelberg", "oparl"),
        services=(Svc("99000000007000", "Einsicht in Ratsinformationen", T.QUERSCHNITT, V1, 1),),
    ),
    DemoSolution(
        project="digitaler-bauantrag",
        licence=Licence.EUPL_12,
        published=3,
        short="Bauanträge digital stellen und beteiligen: vom Antrag bis zur Genehmigung ohne Papier.",
        target_group="Untere Bauaufsichtsbehörden",
        how="Antrag, Unterlagen und Beteiligung der Fachstellen laufen digital; Gebühren werden online bezahlt.",
        operating_model="Betrieb im Landesportal Baden-Württemberg; Anbindung der Fachverfahren über FIT-Connect.",
        contact=("Baurechtsamt Mannheim, Transfer", "bauantrag"),
        base=(FIT, DID, PAY),
        services=(Svc("99010003001000", "Baugenehmigung beantragen", T.BAUEN_WOHNEN, V1, 3),),
        adoptions=(Adopt("rhein-neckar-kreis", E, 1, "Baurechtsamt", partner=True),),
        inquiries=(
            Ask(
                "Stadt Weinheim",
                "Herr Demo-Fischer",
                "bauamt.demo@example.org",
                "Wir prüfen die Einführung des digitalen Bauantrags und bitten um Unterlagen.",
                state=InquiryState.UNCONFIRMED,
                days=0,
            ),
        ),
    ),
    # Not (yet) in the catalogue: a withdrawn one, a ready draft and two that are not ready.
    DemoSolution(
        project="reifegrad-monitor",
        licence=Licence.EUPL_12,
        outcome=UNPUBLISHED,
        published=8,
        unpublish_reason="Überarbeitung für das Reifegradmodell 2.0; die Angaben nach Modell 1.x sind veraltet.",
        short="Reifegrade kommunaler OZG-Leistungen erfassen und vergleichen.",
        target_group="Digitalisierungsverantwortliche der Länder und Kommunen",
        how="Ein Dashboard, das Reifegrade je Leistung und Kommune zusammenführt.",
        operating_model="Betrieb durch die Geschäftsstelle.",
        contact=("Geschäftsstelle Kooperationsraum, Transfer", "transfer"),
        services=(Svc("99000000008000", "Auskunft zum Umsetzungsstand von Online-Leistungen", T.QUERSCHNITT, V1, 1),),
    ),
    DemoSolution(
        project="souveraener-arbeitsplatz",
        licence=Licence.EUPL_12,
        outcome=DRAFT,
        short="Ein Verwaltungsarbeitsplatz aus Open-Source-Komponenten, erprobt im Reallabor.",
        target_group="IT-Dienstleister und Verwaltungen",
        how="Büro-, Kommunikations- und Ablagedienste auf Open-Source-Basis mit zentralem Betrieb.",
        operating_model="Betrieb durch ekom21 für die erprobenden Verwaltungen.",
        contact=("Reallabor Souveräner Arbeitsplatz", "arbeitsplatz"),
        services=(Svc("99000000009000", "Interner Verwaltungsarbeitsplatz", T.QUERSCHNITT, V2, 0),),
    ),
    DemoSolution(
        project="schul-cloud-rheinland",
        licence=Licence.EUPL_12,
        outcome=DRAFT,
        publiccode=False,
        short="Eine gemeinsame Lernplattform für Schulen der Kreise im Rheinland.",
        target_group="Schulträger",
        how="",
    ),
    DemoSolution(
        project="fit-connect-anbindung",
        licence=Licence.EUPL_12,
        outcome=DRAFT,
        base=(FIT,),
        short="Kommunale Fachverfahren an FIT-Connect anbinden: Adapter und Leitfaden.",
        target_group="Kommunale IT-Dienstleister",
        how="Adapter für drei verbreitete Fachverfahren, getestet in der Erprobung.",
        services=(Svc("99000000010000", "Zustellung von Anträgen an Fachverfahren", T.QUERSCHNITT, V2, 3),),
    ),
]


def publiccode_yml(spec: DemoSolution, title: str) -> str:
    """A small publiccode.yml (standard 0.4) for a software solution."""
    data = {
        "publiccodeYmlVersion": "0.4",
        "name": title,
        "url": f"{REPO}/{spec.project}",
        "releaseDate": "2025-06-30",
        "platforms": ["web"],
        "developmentStatus": "stable" if spec.outcome == PUBLISHED else "beta",
        "softwareType": "standalone/web",
        "description": {
            "de": {
                "shortDescription": spec.short[:150],
                "longDescription": spec.how or spec.short,
                "features": [spec.target_group],
            }
        },
        "legal": {"license": str(spec.licence)},
        "maintenance": {
            "type": "community",
            "contacts": [{"name": "Geschäftsstelle Kooperationsraum", "email": f"transfer@{MAILDOMAIN}"}],
        },
        "localisation": {"localisationReady": True, "availableLanguages": ["de"]},
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.44))


def _seed_solution(
    spec: DemoSolution, project: Project, actor: User, partners: dict[str, Partner], today: date
) -> Solution:
    solution = solution_create_from_project(project=project, actor=actor)
    solution.short_description = DEMO_PREFIX + spec.short
    solution.target_group = spec.target_group
    solution.how_it_works = spec.how
    solution.prerequisites = spec.prerequisites
    solution.licence = spec.licence
    solution.is_software = spec.is_software
    solution.operating_model = spec.operating_model
    solution.base_components = list(spec.base)
    if spec.is_software:
        solution.source_code_url = f"{REPO}/{spec.project}"
        if spec.publiccode:
            solution.publiccode_yml = publiccode_yml(spec, solution.title)
    if spec.how:
        solution.documentation_url = f"{DOCS}/{spec.project}"
    if spec.contact:
        solution.contact_label, mailbox = spec.contact
        solution.contact_email = f"{mailbox}@{MAILDOMAIN}"
    solution = solution_save(solution=solution, actor=actor)
    # No service adds OZG services: they are part of the solution's data.
    ServiceCoverage.objects.bulk_create(
        ServiceCoverage(
            solution=solution,
            leika_key=s.key,
            name=s.name,
            themenfeld=s.themenfeld,
            maturity_model=s.model,
            maturity_level=s.level,
        )
        for s in spec.services
    )

    if spec.outcome in (PUBLISHED, UNPUBLISHED):
        solution = solution_publish(solution=solution, actor=actor)
        Solution.objects.filter(pk=solution.pk).update(
            published_at=timezone.now() - (today - _months_ago(today, spec.published)),
            last_reviewed_on=_months_ago(today, min(spec.reviewed, spec.published)),
        )
    if spec.outcome == UNPUBLISHED:
        solution = solution_unpublish(solution=solution, actor=actor, reason=spec.unpublish_reason)

    for item in spec.adoptions:
        partner = partners.get(item.who) if item.partner else None
        adoption = adoption_save(
            adoption=Adoption(
                solution=solution,
                partner=partner,
                organisation=partner.name if partner else item.who,
                stage=item.stage,
                contact=item.contact,
                evidence=item.evidence,
            ),
            actor=actor,
        )
        Adoption.objects.filter(pk=adoption.pk).update(stage_since=_months_ago(today, item.months))

    for ask in spec.inquiries:
        created = timezone.now() - timedelta(days=ask.days)
        confirmed = ask.state != InquiryState.UNCONFIRMED
        inquiry = Inquiry.objects.create(
            solution=solution,
            administration=ask.administration,
            contact_name=ask.contact_name,
            contact_email=ask.contact_email,
            message=ask.message,
            consent=True,
            state=InquiryState.CONFIRMED if ask.adopt else ask.state,
            created_at=created,
            confirmed_at=created + timedelta(minutes=20) if confirmed else None,
        )
        if ask.adopt:
            inquiry_to_adoption(inquiry=inquiry, actor=actor)
    return solution


def _summary() -> str:
    solutions = Solution.objects.filter(slug__in=[spec.project for spec in SOLUTIONS])
    adoptions = Adoption.objects.filter(solution__in=solutions)
    inquiries = Inquiry.objects.filter(solution__in=solutions)
    return (
        f"{solutions.count()} Lösungen ({solutions.filter(state=SolutionState.PUBLISHED).count()} veröffentlicht), "
        f"{ServiceCoverage.objects.filter(solution__in=solutions).count()} OZG-Leistungen, "
        f"{adoptions.count()} Nachnutzungen in {adoptions.values('stage').distinct().count()} Ständen, "
        f"{inquiries.count()} Anfragen "
        f"({inquiries.filter(state=InquiryState.UNCONFIRMED).count()} unbestätigt)"
    )


@transaction.atomic
def seed() -> str:
    actor = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if actor is None:
        raise RuntimeError("Zuerst die Demodaten der Governance anlegen (governance.demo.seed).")
    existing = set(
        Solution.objects.filter(slug__in=[spec.project for spec in SOLUTIONS]).values_list("slug", flat=True)
    )
    pending = [spec for spec in SOLUTIONS if spec.project not in existing]
    projects = {project.slug: project for project in Project.objects.filter(slug__in=[s.project for s in pending])}
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    today = timezone.localdate()
    created = [
        _seed_solution(spec, projects[spec.project], actor, partners, today)
        for spec in pending
        if spec.project in projects
    ]
    if created:
        # The services refresh each solution as it is saved; once more for all, after every change.
        search_vector_refresh(solution_ids=[solution.pk for solution in created])
    return _summary()
