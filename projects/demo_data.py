"""The demo portfolio as data: 31 fictional projects (see projects/demo.py for how they are seeded)."""

from dataclasses import dataclass

from projects.models import ContributionKind, LinkKind, ParticipationRole, Phase, TeamRole, TrafficLight

SECRETARIAT_EMAIL = "geschaeftsstelle@example.org"
DEMO_PREFIX = "[Demo] "
DEMO_NOTE = "Demodaten: fiktives Projekt. Alle Angaben, Termine und Links sind erfunden."

# Why a project passes each gate; the timeline shows these reasons.
GATE_REASONS = {
    Phase.CONCEPT: "Projektskizze im Lenkungskreis vorgestellt; ein Konzept wird beauftragt.",
    Phase.PILOT: "Konzept abgenommen; die Erprobung im Reallabor beginnt.",
    Phase.IMPLEMENTATION: "Erprobung ausgewertet; der Lenkungskreis beschließt die Verstetigung.",
    Phase.TRANSFER: "Regelbetrieb stabil; die Lösung wird zur Nachnutzung angeboten.",
    Phase.COMPLETED: "Transfer abgeschlossen; das Projekt endet mit dem Abschlussbericht.",
}
LIGHTS = {"g": TrafficLight.GREEN, "y": TrafficLight.YELLOW, "r": TrafficLight.RED}
KINDS = {"days": ContributionKind.PERSON_DAYS, "eur": ContributionKind.EUROS, "svc": ContributionKind.SERVICE}
ROLES = {
    "partner": ParticipationRole.PARTNER,
    "pilot": ParticipationRole.PILOT,
    "associated": ParticipationRole.ASSOCIATED,
}


@dataclass(frozen=True)
class M:
    """A milestone: due `due` months from today (negative: in the past)."""

    title: str
    due: int
    done: bool = False
    partner: str | None = None  # responsible partner's slug; the lead partner if None


@dataclass(frozen=True)
class R:
    """A quarterly status report ending `months_ago` months ago; lights for schedule, budget, scope."""

    months_ago: int
    lights: str
    text: str


@dataclass(frozen=True)
class C:
    """A contribution; `confirm` asks that partner's own demo representative to confirm it."""

    partner: str
    kind: str
    amount: int | None
    description: str
    confirm: bool = False


@dataclass(frozen=True)
class DemoProject:
    slug: str
    acronym: str
    title: str
    lead: str
    phase: str
    focus: tuple[str, ...]
    summary: str
    description: str
    start: int | None
    end: int | None
    partners: tuple[tuple[str, str], ...] = ()
    public: bool = False
    # The Land whose CIO sponsors the project from the implementation gate on (rule 3 of the brief).
    sponsor: str | None = None
    # A Land asked to sponsor the project, whose CIO has not decided yet.
    pending_sponsor: str | None = None
    stopped_in: str = ""  # for stopped projects: the phase they were stopped in
    stop_reason: str = ""
    team: tuple[tuple[str, str], ...] = ()  # (e-mail, TeamRole)
    milestones: tuple[M, ...] = ()
    reports: tuple[R, ...] = ()
    contributions: tuple[C, ...] = ()
    links: tuple[tuple[str, str, str], ...] = ()  # (LinkKind, label, url)


REPO = "https://code.example.org/kooperationsraum"
DOCS = "https://docs.example.org"

PROJECTS: list[DemoProject] = [
    DemoProject(
        slug="kfz-zulassung-kreisuebergreifend",
        acronym="i-Kfz-RN",
        title="Kreisübergreifende Kfz-Zulassung (i-Kfz)",
        lead="rhein-neckar-kreis",
        phase=Phase.TRANSFER,
        focus=("mobile-vernetzte-verwaltung", "ozg-leistungen", "transfer-nachnutzung"),
        summary="Fahrzeuge online und über Kreisgrenzen hinweg zulassen: Die Zulassungsbehörden im "
        "Rhein-Neckar-Raum betreiben die internetbasierte Zulassung gemeinsam und bieten sie "
        "anderen Kreisen an.",
        description="Bürgerinnen und Bürger melden ihr Fahrzeug bei jeder beteiligten Zulassungsbehörde "
        "an, um oder ab, unabhängig vom Wohnort. Das Projekt bündelt die Anbindung an die "
        "Landesportale, das Bezahlverfahren und die Abstimmung über drei Landesgrenzen.",
        start=-54,
        end=10,
        public=True,
        sponsor="bw",
        partners=(
            ("rhein-pfalz-kreis", "partner"),
            ("kreis-bergstrasse", "pilot"),
            ("komm-one", "partner"),
            ("bw", "associated"),
        ),
        milestones=(
            M("Rechtliche Prüfung der kreisübergreifenden Zuständigkeit", -48, True),
            M("Erprobung in zwei Zulassungsstellen abgeschlossen", -30, True, "kreis-bergstrasse"),
            M("Regelbetrieb in allen beteiligten Kreisen", -12, True),
            M("Transferpaket mit Betriebshandbuch veröffentlicht", -2),
            M("Zwei weitere Kreise angebunden", 6),
        ),
        reports=(
            R(1, "gyg", "Transferpaket in Abstimmung; im Betriebshandbuch fehlt noch das Kapitel zum Bezahlverfahren."),
            R(4, "ggg", "Regelbetrieb stabil; rund 40 Prozent der Umschreibungen laufen online."),
        ),
        contributions=(
            C("rhein-neckar-kreis", "days", 60, "Projektleitung und fachliche Koordination der Zulassung"),
            C("rhein-pfalz-kreis", "days", 30, "Erprobung in der eigenen Zulassungsstelle"),
            C("komm-one", "svc", None, "Betrieb der Schnittstelle zum Zulassungsverfahren"),
            C("bw", "eur", 25000, "Finanzierung der Transferdokumentation", confirm=True),
        ),
        links=(
            (LinkKind.REPOSITORY, "Quellcode der Schnittstelle", f"{REPO}/i-kfz-schnittstelle"),
            (LinkKind.DOCUMENTATION, "Betriebshandbuch (Entwurf)", f"{DOCS}/i-kfz/betrieb"),
        ),
    ),
    DemoProject(
        slug="maengelmelder-rheinland",
        acronym="MM-RL",
        title="Mängelmelder Rheinland",
        lead="koeln",
        phase=Phase.IMPLEMENTATION,
        focus=("mobile-vernetzte-verwaltung", "open-data-partizipation"),
        summary="Schlaglöcher, defekte Laternen, wilder Müll: Bürgerinnen und Bürger melden Mängel mobil "
        "mit Foto und Standort, die Meldung landet beim zuständigen Amt, auch über Stadt- und "
        "Kreisgrenzen hinweg.",
        description="Eine gemeinsame App und ein Webformular leiten Meldungen anhand des Standorts an die "
        "zuständige Kommune weiter. Der Bearbeitungsstand ist öffentlich einsehbar; "
        "anonymisierte Meldungen erscheinen als offene Daten.",
        start=-40,
        end=14,
        public=True,
        sponsor="rp",
        partners=(
            ("bonn", "pilot"),
            ("rhein-sieg-kreis", "partner"),
            ("rhein-erft-kreis", "associated"),
            ("rp", "associated"),
        ),
        team=(("projekt.koeln@example.org", TeamRole.LEAD),),
        milestones=(
            M("Zuständigkeitskarte für alle beteiligten Kommunen", -30, True, "rhein-sieg-kreis"),
            M("Erprobung in Bonn ausgewertet", -14, True, "bonn"),
            M("Anbindung an die Fachverfahren der Straßenbauämter", -3),
            M("Offene Daten der Meldungen im Portal", 2),
            M("Betriebsvereinbarung aller Partner unterzeichnet", 5),
        ),
        reports=(
            R(
                0,
                "yyg",
                "Die Anbindung der Fachverfahren verzögert sich, weil zwei Schnittstellen noch nicht "
                "dokumentiert sind.",
            ),
            R(3, "ggg", "Verstetigung beschlossen; der Betrieb läuft in Köln und Bonn."),
            R(6, "gyg", "Mehr Meldungen als erwartet; das Personal für die Weiterleitung ist knapp."),
        ),
        contributions=(
            C("koeln", "days", 80, "Projektleitung und Betrieb der Plattform", confirm=True),
            C("koeln", "eur", 40000, "Weiterentwicklung der App", confirm=True),
            C("bonn", "days", 25, "Erprobung und Auswertung im Tiefbauamt"),
            C("rhein-sieg-kreis", "svc", None, "Geodaten für die Zuständigkeitskarte"),
        ),
        links=(
            (LinkKind.REPOSITORY, "Quellcode", f"{REPO}/maengelmelder"),
            (LinkKind.WEBSITE, "Mängelmelder", "https://maengelmelder.example.org"),
        ),
    ),
    DemoProject(
        slug="behoerdennummer-115-mrn",
        acronym="115-MRN",
        title="Behördennummer 115 in der Metropolregion",
        lead="mannheim",
        phase=Phase.COMPLETED,
        focus=("mobile-vernetzte-verwaltung",),
        summary="Eine Nummer für alle Verwaltungsfragen: Die Servicecenter der Städte und Kreise beantworten "
        "Anrufe unter der 115 mit einer gemeinsamen Wissensdatenbank.",
        description="Das Projekt hat die Servicecenter angebunden, Leistungsbeschreibungen abgestimmt und ein "
        "gemeinsames Serviceversprechen eingeführt. Es ist abgeschlossen; den Betrieb tragen die "
        "Kommunen.",
        start=-96,
        end=-24,
        public=True,
        sponsor="bw",
        partners=(
            ("heidelberg", "partner"),
            ("ludwigshafen", "partner"),
            ("rhein-neckar-kreis", "partner"),
            ("mrn", "associated"),
            ("bw", "associated"),
        ),
        milestones=(
            M("Wissensdatenbank mit 300 Leistungen befüllt", -80, True),
            M("Servicecenter Mannheim angebunden", -60, True),
            M("Alle beteiligten Servicecenter im Regelbetrieb", -36, True, "heidelberg"),
            M("Abschlussbericht im Lenkungskreis", -25, True, "mrn"),
        ),
        reports=(
            R(
                26,
                "ggg",
                "Abschlussbericht vorgelegt; das Serviceversprechen wird in allen Servicecentern eingehalten.",
            ),
        ),
        contributions=(
            C("mannheim", "days", 120, "Aufbau und Leitung des Servicecenters", confirm=True),
            C("heidelberg", "days", 40, "Pflege der Leistungsbeschreibungen"),
            C("ludwigshafen", "days", 40, "Anbindung des eigenen Servicecenters", confirm=True),
        ),
        links=((LinkKind.DOCUMENTATION, "Abschlussbericht", f"{DOCS}/115-mrn/abschlussbericht"),),
    ),
    DemoProject(
        slug="e-vergabe-kommunal",
        acronym="E-VERG",
        title="Elektronische Vergabe für Kommunen (E-Vergabe)",
        lead="rhein-sieg-kreis",
        phase=Phase.TRANSFER,
        focus=("mobile-vernetzte-verwaltung", "transfer-nachnutzung"),
        summary="Ausschreibungen vollständig elektronisch: Bekanntmachung, Angebotsabgabe und Zuschlag über "
        "eine gemeinsam genutzte Vergabeplattform, die auch kleine Kommunen ohne eigene "
        "Vergabestelle nachnutzen können.",
        description="Die Vergabestellen haben Musterunterlagen, eine Dienstanweisung und einen Schulungsplan "
        "erarbeitet. Jede Kommune schließt ihren eigenen Nutzungsvertrag; niemand haftet für "
        "die Vergaben eines anderen Partners.",
        start=-60,
        end=8,
        public=True,
        sponsor="he",
        partners=(("bonn", "partner"), ("kreis-dueren", "pilot"), ("ekom21", "partner"), ("he", "associated")),
        milestones=(
            M("Anforderungen der Vergabestellen erhoben", -52, True),
            M("Erste elektronische Ausschreibung im Kreis Düren", -36, True, "kreis-dueren"),
            M("Muster-Dienstanweisung E-Vergabe", -20, True),
            M("Nachnutzungsleitfaden veröffentlicht", -1),
            M("Schulungsreihe für Vergabestellen", 3, partner="ekom21"),
        ),
        reports=(
            R(
                1,
                "gyy",
                "Die Nachfrage nach Schulungen ist höher als geplant; der Leitfaden ist in der Schlussredaktion.",
            ),
            R(4, "ggg", "Drei weitere Kommunen haben Interesse an der Nachnutzung angemeldet."),
        ),
        contributions=(
            C("rhein-sieg-kreis", "days", 50, "Projektleitung und zentrale Vergabestelle"),
            C("ekom21", "svc", None, "Betrieb der Vergabeplattform im Rechenzentrum"),
            C("he", "eur", 30000, "Finanzierung der Schulungsreihe", confirm=True),
        ),
        links=((LinkKind.WEBSITE, "Vergabeplattform", "https://vergabe.example.org"),),
    ),
    DemoProject(
        slug="open-data-portal-rhein-neckar",
        acronym="ODP-RN",
        title="Open-Data-Portal Rhein-Neckar",
        lead="mrn",
        phase=Phase.TRANSFER,
        focus=("open-data-partizipation", "transfer-nachnutzung", "open-source-souveraenitaet"),
        summary="Ein gemeinsames Portal für offene Verwaltungsdaten der Region: Haushalt, Verkehr, Umwelt "
        "und Geodaten unter offener Lizenz, mit Metadaten nach DCAT-AP.de für das nationale "
        "Datenportal.",
        description="Die Städte liefern ihre Datensätze unter der Datenlizenz Deutschland; das Portal "
        "beruht auf Open-Source-Software und kann von weiteren Kommunen als eigener Mandant "
        "genutzt werden.",
        start=-48,
        end=12,
        public=True,
        sponsor="rp",
        partners=(
            ("mannheim", "partner"),
            ("heidelberg", "partner"),
            ("ludwigshafen", "partner"),
            ("rp", "associated"),
        ),
        milestones=(
            M("Datenlizenz für alle Erstdatensätze geklärt", -40, True),
            M("Portal mit 150 Datensätzen online", -26, True),
            M("Harvesting durch das nationale Datenportal", -10, True),
            M("Betriebsmodell für weitere Kommunen", 2),
            M("Dashboard zur Datenqualität", 6, partner="heidelberg"),
        ),
        reports=(
            R(2, "ggg", "Zwei Landkreise prüfen die Nachnutzung des Portals."),
            R(5, "gyg", "Die Aktualisierung der Verkehrsdaten hängt an einer Schnittstelle des Verkehrsverbunds."),
        ),
        contributions=(
            C("mrn", "days", 90, "Koordination und Redaktion des Portals", confirm=True),
            C("mannheim", "days", 30, "Bereitstellung und Pflege städtischer Datensätze", confirm=True),
            C("heidelberg", "svc", None, "Geodatendienste für das Portal"),
            C("rp", "eur", 20000, "Anschubfinanzierung Datenqualität", confirm=True),
        ),
        links=(
            (LinkKind.REPOSITORY, "Quellcode", f"{REPO}/open-data-portal"),
            (LinkKind.WEBSITE, "Datenportal", "https://daten.example.org"),
        ),
    ),
    DemoProject(
        slug="buergerhaushalt-online",
        acronym="BHH-ONL",
        title="Bürgerhaushalt online",
        lead="bonn",
        phase=Phase.COMPLETED,
        focus=("open-data-partizipation",),
        summary="Bürgerinnen und Bürger schlagen online vor, wofür ihre Stadt Geld ausgeben oder wo sie "
        "sparen soll, und bewerten die Vorschläge anderer; der Rat berät die meistunterstützten "
        "Vorschläge öffentlich.",
        description="Nach drei Beteiligungsrunden liegt ein Leitfaden vor, mit dem andere Kommunen einen "
        "eigenen Bürgerhaushalt aufsetzen können, von der Moderation bis zur Rechenschaft "
        "gegenüber dem Rat.",
        start=-84,
        end=-30,
        public=True,
        sponsor="rp",
        partners=(("koeln", "partner"), ("staedteregion-aachen", "partner"), ("rp", "associated")),
        milestones=(
            M("Beteiligungsplattform ausgewählt", -76, True),
            M("Erste Beteiligungsrunde in Bonn", -60, True),
            M("Rechenschaftsbericht an den Rat", -48, True),
            M("Auswertung und Leitfaden für Kommunen", -32, True, "koeln"),
        ),
        reports=(
            R(31, "ggg", "Projekt abgeschlossen; der Leitfaden steht zur Nachnutzung bereit."),
            R(40, "gyg", "Die Beteiligung in der zweiten Runde war geringer; eine Kampagne ist geplant."),
        ),
        contributions=(
            C("bonn", "days", 70, "Moderation der Beteiligungsrunden"),
            C("koeln", "days", 20, "Erfahrungsaustausch und Auswertung", confirm=True),
        ),
        links=((LinkKind.DOCUMENTATION, "Leitfaden Bürgerhaushalt", f"{DOCS}/buergerhaushalt/leitfaden"),),
    ),
    DemoProject(
        slug="p23r-prozessdatenaustausch",
        acronym="P23R-PD",
        title="Prozessdatenaustausch mit P23R",
        lead="bw",
        phase=Phase.STOPPED,
        stopped_in=Phase.PILOT,
        focus=("datenaustausch-register",),
        summary="Meldepflichten der Wirtschaft gegenüber Kommunen automatisch und sicher übermitteln: "
        "Erprobung des Prozessdatenbeschleunigers P23R für Gewerbe- und Umweltmeldungen.",
        description="Unternehmen sollten Meldungen direkt aus ihrer Software erzeugen, geprüft durch "
        "gemeinsam gepflegte Regelpakete. Die Erprobung lief mit drei Unternehmen.",
        stop_reason="Erprobung ausgewertet: Zu wenige Fachverfahren unterstützen die Schnittstelle. Das "
        "Projekt wird eingestellt; die Erkenntnisse fließen in den Registerabgleich ein.",
        start=-70,
        end=-20,
        partners=(("komm-one", "partner"), ("mannheim", "pilot"), ("rhein-neckar-kreis", "pilot")),
        milestones=(
            M("Regelpaket für Gewerbemeldungen erstellt", -58, True),
            M("Erprobung mit drei Unternehmen", -36, True, "mannheim"),
            M("Auswertung der Erprobung", -22, True),
        ),
        reports=(
            R(
                22,
                "ryr",
                "Die Hersteller der Fachverfahren unterstützen die Schnittstelle nicht; Empfehlung: "
                "Projekt einstellen.",
            ),
            R(28, "yyg", "Nur ein Unternehmen liefert regelmäßig Daten."),
        ),
        contributions=(
            C("bw", "eur", 45000, "Entwicklung der Regelpakete", confirm=True),
            C("komm-one", "days", 40, "Technischer Betrieb des Testsystems"),
        ),
    ),
    DemoProject(
        slug="telemedizin-rettungsdienst",
        acronym="TELE-RD",
        title="Telemedizin im Rettungsdienst",
        lead="staedteregion-aachen",
        phase=Phase.IMPLEMENTATION,
        focus=("mobile-vernetzte-verwaltung", "reallabor"),
        summary="Notfallsanitäterinnen und Notfallsanitäter holen sich per Audio- und Videoverbindung Rat "
        "vom Telenotarzt, der die Vitaldaten in Echtzeit sieht; Notärzte fahren dorthin, wo sie "
        "vor Ort gebraucht werden.",
        description="Nach der Erprobung auf acht Rettungswagen wird die Telenotarzt-Zentrale für alle "
        "beteiligten Rettungsdienstbereiche verstetigt. Jeder Träger beschafft die Technik "
        "für seine eigenen Fahrzeuge.",
        start=-36,
        end=18,
        public=True,
        sponsor="rp",
        partners=(("kreis-dueren", "pilot"), ("koeln", "partner"), ("rp", "associated")),
        milestones=(
            M("Telenotarzt-Zentrale eingerichtet", -28, True),
            M("Erprobung auf acht Rettungswagen", -16, True, "kreis-dueren"),
            M("Datenschutzkonzept für die kreisübergreifende Versorgung", -5),
            M("Alle Rettungswachen ausgestattet", 8),
        ),
        reports=(
            R(1, "yrg", "Lieferverzug bei den Übertragungsgeräten; Mehrkosten durch Mobilfunkverträge."),
            R(4, "ygg", "Das Datenschutzkonzept ist mit zwei Aufsichtsbehörden in Abstimmung."),
        ),
        contributions=(
            C("staedteregion-aachen", "days", 100, "Ärztliche Leitung und Betrieb der Zentrale"),
            C("kreis-dueren", "eur", 60000, "Ausstattung der eigenen Rettungswagen"),
            C("koeln", "days", 15, "Fachlicher Austausch der Berufsfeuerwehr", confirm=True),
        ),
        links=((LinkKind.DOCUMENTATION, "Einsatzkonzept", f"{DOCS}/telenotarzt/konzept"),),
    ),
    DemoProject(
        slug="schul-cloud-rheinland",
        acronym="SCHUL-CLD",
        title="Schul-Cloud Rheinland",
        lead="rhein-erft-kreis",
        phase=Phase.PILOT,
        focus=("offene-bildungsinfrastruktur", "open-source-souveraenitaet"),
        summary="Eine offene, datenschutzkonforme Lern- und Arbeitsplattform für Schulen in kommunaler "
        "Trägerschaft: Dateiablage, Videokonferenz und Lernmanagement aus Open-Source-Bausteinen, "
        "gemeinsam betrieben.",
        description="Sechs Pilotschulen arbeiten mit der Plattform. Die Schulträger prüfen, ob ein "
        "gemeinsamer Betrieb günstiger und souveräner ist als getrennte Lösungen.",
        start=-14,
        end=22,
        public=True,
        partners=(("koeln", "partner"), ("rhein-kreis-neuss", "pilot"), ("bonn", "pilot")),
        milestones=(
            M("Anforderungen von 20 Schulen erhoben", -10, True),
            M("Pilotbetrieb an sechs Schulen gestartet", -4, True, "rhein-kreis-neuss"),
            M("Anbindung an die Nutzerverwaltung der Schulträger", -1),
            M("Auswertung des Pilotbetriebs", 5),
        ),
        reports=(
            R(0, "gyg", "Die Pilotschulen nutzen die Plattform rege; Lizenzfragen bei einem Videomodul sind offen."),
        ),
        contributions=(
            C("rhein-erft-kreis", "days", 60, "Projektleitung und Betrieb der Pilotumgebung"),
            C("koeln", "svc", None, "Hosting im städtischen Rechenzentrum", confirm=True),
            C("bonn", "days", 20, "Begleitung der Pilotschulen"),
        ),
        links=((LinkKind.REPOSITORY, "Quellcode", f"{REPO}/schul-cloud"),),
    ),
    DemoProject(
        slug="fit-connect-anbindung",
        acronym="FITC-ON",
        title="FIT-Connect-Anbindung kommunaler Fachverfahren",
        lead="he",
        phase=Phase.PILOT,
        focus=("ozg-leistungen", "datenaustausch-register"),
        summary="Anträge aus Online-Diensten kommen Ende-zu-Ende-verschlüsselt über FIT-Connect direkt im "
        "Fachverfahren an: Ein Leitfaden und eine Testumgebung helfen Kommunen, ihre Fachverfahren "
        "anzubinden.",
        description="Die Erprobung beginnt im Ordnungsamt des Kreises Bergstraße. Der Leitfaden beschreibt "
        "Zustellpunkt, Zertifikate und Tests so, dass andere Kommunen ohne Beratung folgen "
        "können.",
        start=-12,
        end=12,
        pending_sponsor="he",
        partners=(("kreis-bergstrasse", "pilot"), ("ekom21", "partner"), ("rhein-pfalz-kreis", "partner")),
        milestones=(
            M("Testumgebung mit Zustellpunkt eingerichtet", -8, True, "ekom21"),
            M("Erstes Fachverfahren im Kreis Bergstraße angebunden", -2, partner="kreis-bergstrasse"),
            M("Leitfaden zur Anbindung", 3),
        ),
        reports=(R(1, "ygg", "Die Zertifikate für den Zustellpunkt kommen später als geplant."),),
        contributions=(
            C("he", "days", 30, "Projektleitung und Abstimmung mit dem Landesportal", confirm=True),
            C("ekom21", "svc", None, "Testumgebung und technische Unterstützung"),
            C("kreis-bergstrasse", "days", 15, "Erprobung im Ordnungsamt"),
        ),
        links=((LinkKind.DOCUMENTATION, "Anbindungsleitfaden (Entwurf)", f"{DOCS}/fit-connect/leitfaden"),),
    ),
    DemoProject(
        slug="digitaler-bauantrag",
        acronym="BAU-DIG",
        title="Digitaler Bauantrag",
        lead="mannheim",
        phase=Phase.PILOT,
        focus=("ozg-leistungen", "reallabor"),
        summary="Bauanträge vollständig digital stellen, beteiligen und bescheiden: Zwei Bauaufsichten "
        "erproben den durchgängig digitalen Bauantrag mit XBau bis zur Beteiligung der "
        "Fachstellen.",
        description="Im Reallabor zeigt sich, wo Papier noch nötig ist und warum. Die Ergebnisse gehen in "
        "eine Empfehlung für die Bauaufsichten der drei Länder ein.",
        start=-18,
        end=14,
        public=True,
        pending_sponsor="bw",
        partners=(
            ("heidelberg", "pilot"),
            ("rhein-neckar-kreis", "partner"),
            ("komm-one", "partner"),
            ("bw", "associated"),
        ),
        team=(("projekt.mannheim@example.org", TeamRole.LEAD),),
        milestones=(
            M("Prozessanalyse in zwei Bauaufsichten", -14, True),
            M("Erster digitaler Bauantrag beschieden", -6, True),
            M("Beteiligung der Fachstellen über XBau", -2, partner="heidelberg"),
            M("Auswertung der Erprobung", 4),
        ),
        reports=(
            R(
                0,
                "yyg",
                "Die digitale Beteiligung der Fachstellen verzögert sich; zwei Fachstellen arbeiten noch mit Papier.",
            ),
            R(3, "ggg", "Erste Bauanträge digital beschieden; die Bearbeitung dauerte drei Wochen kürzer."),
        ),
        contributions=(
            C("mannheim", "days", 70, "Projektleitung und Erprobung in der Bauaufsicht", confirm=True),
            C("heidelberg", "days", 35, "Erprobung in der eigenen Bauaufsicht"),
            C("komm-one", "svc", None, "Bereitstellung des Antragsassistenten"),
        ),
        links=((LinkKind.REPOSITORY, "Quellcode der XBau-Anbindung", f"{REPO}/bauantrag-xbau"),),
    ),
    DemoProject(
        slug="epayment-kommunal",
        acronym="EPAY-KOM",
        title="ePayment für kommunale Online-Dienste",
        lead="ludwigshafen",
        phase=Phase.IMPLEMENTATION,
        focus=("ozg-leistungen",),
        summary="Gebühren dort bezahlen, wo der Antrag gestellt wird: eine gemeinsame Anbindung an die "
        "ePayment-Basiskomponente für die Online-Dienste der beteiligten Kommunen, mit "
        "automatischer Buchung im Kassenverfahren.",
        description="Jede Kommune bucht in ihrer eigenen Kasse; geteilt werden nur Schnittstelle, "
        "Dokumentation und Erfahrungen.",
        start=-30,
        end=10,
        public=True,
        sponsor="rp",
        partners=(("rp", "partner"), ("rhein-pfalz-kreis", "partner"), ("mannheim", "associated")),
        team=(("projekt.ludwigshafen@example.org", TeamRole.LEAD),),
        milestones=(
            M("Anbindung an die Basiskomponente erprobt", -20, True),
            M("Automatische Buchung im Kassenverfahren", -9, True),
            M("Zehn Online-Dienste mit Bezahlfunktion", -1),
            M("Übergabe an den Regelbetrieb", 6),
        ),
        reports=(
            R(0, "gyg", "Zwei Dienste warten auf die Freigabe durch die Kasse."),
            R(3, "ggg", "Sieben Dienste mit Bezahlfunktion sind im Betrieb."),
        ),
        contributions=(
            C("ludwigshafen", "days", 50, "Projektleitung und Kassenanbindung", confirm=True),
            C("rp", "eur", 35000, "Lizenzkosten im ersten Betriebsjahr", confirm=True),
            C("rhein-pfalz-kreis", "days", 20, "Anbindung der Kreisdienste"),
        ),
        links=((LinkKind.DOCUMENTATION, "Schnittstellenbeschreibung", f"{DOCS}/epayment/schnittstelle"),),
    ),
    DemoProject(
        slug="deutschlandid-kommunal",
        acronym="DID-KOM",
        title="Anmeldung mit DeutschlandID für kommunale Dienste",
        lead="rp",
        phase=Phase.CONCEPT,
        focus=("ozg-leistungen", "datenaustausch-register"),
        summary="Einmal anmelden, alle Dienste nutzen: Kommunale Online-Dienste sollen die Anmeldung mit "
        "DeutschlandID (BundID) und dem Organisationskonto anbieten, statt eigene Nutzerkonten zu "
        "pflegen.",
        description="Das Konzept beschreibt, wie bestehende Nutzerkonten der Kommunen übergeleitet werden "
        "und welche Dienste zuerst umstellen.",
        start=-4,
        end=20,
        partners=(("ludwigshafen", "partner"), ("mannheim", "partner"), ("heidelberg", "associated")),
        milestones=(
            M("Bestandsaufnahme der Nutzerkonten in den Kommunen", -2, True, "ludwigshafen"),
            M("Konzept mit Migrationspfad", 2),
            M("Entscheidungsvorlage für den Lenkungskreis", 4),
        ),
        contributions=(
            C("rp", "days", 25, "Konzeptarbeit und Abstimmung mit dem Bund", confirm=True),
            C("ludwigshafen", "days", 10, "Bestandsaufnahme der städtischen Dienste"),
        ),
    ),
    DemoProject(
        slug="offene-lernmaterialien",
        acronym="OER-RL",
        title="Offene Lernmaterialien für Schulen im Rheinland",
        lead="bonn",
        phase=Phase.IDEA,
        focus=("offene-bildungsinfrastruktur",),
        summary="Eine gemeinsame Sammlung offener Lernmaterialien (OER), die Lehrkräfte an Schulen der "
        "rheinischen Schulträger teilen, bearbeiten und weitergeben können.",
        description="Die Idee wird im nächsten Lenkungskreis vorgestellt.",
        start=3,
        end=24,
        partners=(("koeln", "associated"),),
        milestones=(M("Projektskizze für den Lenkungskreis", 1),),
        contributions=(C("bonn", "days", 5, "Ausarbeitung der Projektskizze"),),
    ),
    DemoProject(
        slug="betriebsmodell-schul-wlan",
        acronym="SCHUL-WLAN",
        title="Betriebsmodell Schul-WLAN",
        lead="rhein-sieg-kreis",
        phase=Phase.CONCEPT,
        focus=("offene-bildungsinfrastruktur",),
        summary="Ein gemeinsames Betriebsmodell für WLAN und Endgeräte an Schulen: Support, Jugendschutz "
        "und Beschaffung einmal organisiert und von mehreren Schulträgern genutzt.",
        description="Das Konzept vergleicht eigenen Betrieb, gemeinsamen Betrieb und Vergabe an einen Dienstleister.",
        start=-3,
        end=18,
        partners=(("bonn", "partner"), ("rhein-kreis-neuss", "partner")),
        milestones=(
            M("Bestandsaufnahme an 40 Schulen", -1, True),
            M("Kostenvergleich der Betriebsvarianten", 1),
            M("Konzept im Lenkungskreis", 3),
        ),
        reports=(R(0, "ggg", "Bestandsaufnahme abgeschlossen; der Kostenvergleich ist in Arbeit."),),
        contributions=(
            C("rhein-sieg-kreis", "days", 20, "Konzeptarbeit"),
            C("bonn", "days", 10, "Daten der eigenen Schulen"),
        ),
    ),
    DemoProject(
        slug="ratsinformationen-oparl",
        acronym="RIS-OD",
        title="Ratsinformationen als offene Daten (OParl)",
        lead="heidelberg",
        phase=Phase.CONCEPT,
        focus=("open-data-partizipation",),
        summary="Sitzungen, Vorlagen und Beschlüsse der Gemeinderäte maschinenlesbar über die "
        "OParl-Schnittstelle veröffentlichen, damit Bürger-Apps und Presse sie einfach auswerten "
        "können.",
        description="Das Konzept klärt vor allem, wie personenbezogene Angaben in älteren Vorlagen geschützt werden.",
        start=-5,
        end=12,
        public=True,
        partners=(("mannheim", "partner"), ("mrn", "associated")),
        milestones=(
            M("Schnittstellen der Ratsinformationssysteme geprüft", -3, True),
            M("Datenschutzprüfung der Vorlagen", -1),
            M("Konzept abgestimmt", 2),
        ),
        reports=(R(1, "gyg", "Das Schwärzen personenbezogener Daten in Altvorlagen ist aufwendiger als erwartet."),),
        contributions=(
            C("heidelberg", "days", 20, "Konzept und Prüfung der Schnittstelle"),
            C("mannheim", "days", 10, "Prüfung des eigenen Ratsinformationssystems", confirm=True),
        ),
        links=((LinkKind.REPOSITORY, "Prototyp des Exports", f"{REPO}/oparl-export"),),
    ),
    DemoProject(
        slug="ki-posteingang",
        acronym="KI-POST",
        title="KI-gestützter Posteingang im Reallabor",
        lead="mrn",
        phase=Phase.IDEA,
        focus=("reallabor",),
        summary="Eingehende Briefe und E-Mails automatisch dem zuständigen Fachbereich zuordnen: Eine "
        "Erprobung im Reallabor soll zeigen, ob und unter welchen Vorgaben das datenschutzkonform "
        "gelingt.",
        description="Die Idee steht am Anfang; zuerst klärt eine Vorprüfung Datenschutz und Mitbestimmung.",
        start=2,
        end=20,
        partners=(("mannheim", "associated"), ("heidelberg", "associated")),
        milestones=(M("Ideenskizze und Datenschutz-Vorprüfung", 1),),
        contributions=(C("mrn", "days", 8, "Ausarbeitung der Ideenskizze"),),
    ),
    DemoProject(
        slug="reifegrad-monitor",
        acronym="OZG-MON",
        title="Reifegrad-Monitor für kommunale OZG-Leistungen",
        lead="mrn",
        phase=Phase.CONCEPT,
        focus=("ozg-leistungen", "transfer-nachnutzung"),
        summary="Welche Leistung ist wo online, welche OZG-konform? Ein gemeinsamer Monitor zeigt den "
        "Reifegrad kommunaler Leistungen nach Modell 1.x und 2.0 und macht Möglichkeiten zur "
        "Nachnutzung sichtbar.",
        description="Leistungen werden über ihre LeiKa-Schlüssel zugeordnet; zu jeder Bewertung wird die "
        "Version des Reifegradmodells gespeichert.",
        start=-6,
        end=12,
        public=True,
        partners=(("bw", "partner"), ("he", "partner"), ("rp", "partner")),
        milestones=(
            M("Datenmodell mit LeiKa-Schlüsseln", -4, True),
            M("Abgleich mit den Landesportalen", -2, partner="he"),
            M("Konzept und Prototyp vorgestellt", 2),
        ),
        reports=(
            R(
                1,
                "gyg",
                "Hessen liefert die Portaldaten später; der Prototyp startet mit "
                "Baden-Württemberg und Rheinland-Pfalz.",
            ),
        ),
        contributions=(
            C("mrn", "days", 40, "Konzeption und Prototyp", confirm=True),
            C("bw", "svc", None, "Bereitstellung der Portaldaten", confirm=True),
            C("he", "svc", None, "Bereitstellung der Portaldaten"),
            C("rp", "svc", None, "Bereitstellung der Portaldaten", confirm=True),
        ),
    ),
    DemoProject(
        slug="nachnutzungsboerse",
        acronym="NN-BOERSE",
        title="Nachnutzungsbörse für kommunale Lösungen",
        lead="bw",
        phase=Phase.COMPLETED,
        focus=("transfer-nachnutzung",),
        summary="Kommunen zeigen, welche digitalen Lösungen sie entwickelt haben und zur Nachnutzung "
        "anbieten; andere finden passende Lösungen mit Kontakt, Lizenz und Betriebsmodell.",
        description="Der Katalog ist in der Transferplattform des Kooperationsraums aufgegangen.",
        start=-60,
        end=-12,
        public=True,
        sponsor="bw",
        partners=(("mrn", "partner"), ("komm-one", "partner"), ("heidelberg", "associated")),
        milestones=(
            M("Katalogstruktur mit Lizenz und Betriebsmodell", -50, True),
            M("50 Lösungen erfasst", -30, True, "mrn"),
            M("Übergabe in die Transferplattform", -13, True),
        ),
        reports=(
            R(12, "ggg", "Projekt abgeschlossen; der Katalog geht in der Transferplattform auf."),
            R(18, "gyg", "Die Kommunen pflegen ihre Einträge nur schleppend."),
        ),
        contributions=(
            C("bw", "eur", 50000, "Entwicklung des Katalogs", confirm=True),
            C("mrn", "days", 60, "Redaktion und Gewinnung von Lösungen", confirm=True),
            C("komm-one", "svc", None, "Hosting"),
        ),
        links=((LinkKind.REPOSITORY, "Quellcode", f"{REPO}/nachnutzungsboerse"),),
    ),
    DemoProject(
        slug="gewerbeanmeldung-digital",
        acronym="GEW-DIG",
        title="Digitale Gewerbeanmeldung",
        lead="heidelberg",
        phase=Phase.COMPLETED,
        focus=("ozg-leistungen",),
        summary="Gewerbe online an-, um- und abmelden, mit automatischer Weitergabe an Finanzamt, Kammern "
        "und Statistik: umgesetzt nach dem Einer-für-Alle-Prinzip und von weiteren Kommunen "
        "nachgenutzt.",
        description="Nachnutzende Kommunen tragen nur ihren eigenen Betrieb; eine Kostenbeteiligung an der "
        "Entwicklung gibt es nicht.",
        start=-48,
        end=-18,
        public=True,
        sponsor="bw",
        partners=(
            ("mannheim", "partner"),
            ("rhein-neckar-kreis", "partner"),
            ("komm-one", "partner"),
            ("bw", "associated"),
        ),
        milestones=(
            M("Online-Dienst in Heidelberg freigeschaltet", -36, True),
            M("Automatische Weitergabe an die Empfangsstellen", -26, True, "komm-one"),
            M("Nachnutzung durch zwei weitere Kommunen", -19, True, "mannheim"),
        ),
        reports=(
            R(18, "ggg", "Abgeschlossen; 70 Prozent der Gewerbeanmeldungen kommen online."),
            R(24, "ggy", "Der Umfang wurde um Ummeldungen erweitert."),
        ),
        contributions=(
            C("heidelberg", "days", 60, "Projektleitung und Anbindung des Fachverfahrens"),
            C("mannheim", "days", 15, "Nachnutzung und Rückmeldungen", confirm=True),
        ),
        links=((LinkKind.WEBSITE, "Online-Dienst", "https://gewerbe.example.org"),),
    ),
    DemoProject(
        slug="wohngeld-online",
        acronym="WG-ONL",
        title="Wohngeld online im Reallabor",
        lead="kreis-bergstrasse",
        phase=Phase.STOPPED,
        stopped_in=Phase.CONCEPT,
        focus=("ozg-leistungen", "reallabor"),
        summary="Wohngeldanträge online stellen und digital bearbeiten, erprobt in der Wohngeldstelle eines Kreises.",
        description="Das Konzept lag vor, als eine landesweite Lösung angekündigt wurde.",
        stop_reason="Eine landesweite Einer-für-Alle-Lösung steht bereit; eine eigene Erprobung ist nicht "
        "mehr nötig. Der Kreis nutzt die Landeslösung nach.",
        start=-20,
        end=-8,
        partners=(("he", "partner"), ("ekom21", "partner")),
        milestones=(M("Konzept für die Erprobung", -12, True),),
        reports=(R(9, "gyr", "Das Land kündigt eine eigene Lösung an; Empfehlung, das Projekt zu stoppen."),),
        contributions=(C("kreis-bergstrasse", "days", 15, "Konzeptarbeit in der Wohngeldstelle"),),
    ),
    DemoProject(
        slug="open-source-friedhofswesen",
        acronym="OS-FRIED",
        title="Open-Source-Fachverfahren Friedhofswesen",
        lead="rhein-pfalz-kreis",
        phase=Phase.IDEA,
        focus=("open-source-souveraenitaet",),
        summary="Ein quelloffenes Fachverfahren für die Friedhofsverwaltung, gemeinsam entwickelt und unter "
        "freier Lizenz für alle Kommunen nachnutzbar.",
        description="Erst eine Marktanalyse, dann die Entscheidung, ob entwickelt oder nachgenutzt wird.",
        start=3,
        end=24,
        partners=(("ludwigshafen", "associated"),),
        milestones=(M("Marktanalyse bestehender Fachverfahren", 2),),
    ),
    DemoProject(
        slug="souveraener-arbeitsplatz",
        acronym="SOUV-AP",
        title="Souveräner Verwaltungsarbeitsplatz",
        lead="he",
        phase=Phase.PILOT,
        focus=("open-source-souveraenitaet", "reallabor"),
        summary="Büroarbeit mit offenen Standards: Eine Kreisverwaltung erprobt einen Arbeitsplatz aus "
        "Open-Source-Komponenten für Textverarbeitung, E-Mail und Zusammenarbeit.",
        description="Gemessen werden Arbeitsaufwand, Akzeptanz und der Aufwand, bestehende Vorlagen zu übernehmen.",
        start=-10,
        end=16,
        public=True,
        partners=(("kreis-bergstrasse", "pilot"), ("ekom21", "partner"), ("mannheim", "associated")),
        milestones=(
            M("Pilotgruppe mit 30 Arbeitsplätzen ausgestattet", -5, True, "kreis-bergstrasse"),
            M("Schulungen abgeschlossen", -3, True),
            M("Vorlagen in offene Formate übertragen", -1, partner="kreis-bergstrasse"),
            M("Auswertung der Erprobung", 6),
        ),
        reports=(
            R(0, "yyy", "Vorlagen lassen sich nur teilweise übernehmen; die Konvertierung kostet mehr Zeit."),
            R(3, "ggg", "Die Pilotgruppe arbeitet produktiv."),
        ),
        contributions=(
            C("he", "eur", 80000, "Support und Schulung", confirm=True),
            C("ekom21", "svc", None, "Betrieb der Kollaborationsplattform"),
            C("kreis-bergstrasse", "days", 25, "Erprobung in der Kreisverwaltung"),
        ),
        links=((LinkKind.REPOSITORY, "Vorlagen in offenen Formaten", f"{REPO}/arbeitsplatz-vorlagen"),),
    ),
    DemoProject(
        slug="registerabgleich-meldedaten",
        acronym="REG-ABGL",
        title="Registerabgleich Meldedaten (Once-Only)",
        lead="bw",
        phase=Phase.CONCEPT,
        focus=("datenaustausch-register",),
        summary="Nachweise, die der Verwaltung schon vorliegen, nicht erneut verlangen: Der Abgleich mit dem "
        "Melderegister wird für drei kommunale Leistungen konzipiert.",
        description="Das Konzept baut auf den Erfahrungen aus dem eingestellten P23R-Projekt auf.",
        start=-6,
        end=24,
        partners=(("komm-one", "partner"), ("rhein-neckar-kreis", "partner"), ("mannheim", "partner")),
        milestones=(
            M("Leistungen mit Meldenachweis ausgewählt", -4, True),
            M("Rechtsgrundlagen geprüft", -1),
            M("Konzept im Lenkungskreis", 3),
        ),
        reports=(R(1, "gyg", "Die Rechtsprüfung braucht eine Stellungnahme der Datenschutzaufsicht."),),
        contributions=(
            C("bw", "days", 30, "Konzept und Rechtsprüfung", confirm=True),
            C("komm-one", "days", 20, "Technische Machbarkeit"),
        ),
    ),
    DemoProject(
        slug="kita-platzvergabe",
        acronym="KITA-NAV",
        title="Kita-Platzvergabe online",
        lead="heidelberg",
        phase=Phase.PILOT,
        focus=("ozg-leistungen", "reallabor"),
        summary="Eltern suchen Kita-Plätze online, melden Wünsche bei mehreren Einrichtungen zugleich an und "
        "sehen den Stand ihrer Anmeldung; Träger vergeben Plätze ohne Doppelanmeldungen.",
        description="Die erste Vergaberunde läuft mit städtischen und freien Trägern in Ludwigshafen.",
        start=-9,
        end=9,
        public=True,
        partners=(("ludwigshafen", "pilot"), ("rhein-pfalz-kreis", "associated")),
        milestones=(
            M("Workshop mit den Trägern zu Vergabekriterien", -6, True),
            M("Pilot in Ludwigshafen gestartet", -2, True, "ludwigshafen"),
            M("Auswertung der ersten Vergaberunde", 2),
        ),
        reports=(R(0, "ggg", "Die erste Vergaberunde läuft; es gab keine Doppelvergaben."),),
        contributions=(
            C("heidelberg", "days", 40, "Projektleitung"),
            C("ludwigshafen", "days", 20, "Erprobung im Jugendamt", confirm=True),
        ),
    ),
    DemoProject(
        slug="digitale-gremienarbeit",
        acronym="SITZ-DIG",
        title="Digitale Gremienarbeit im Kreistag",
        lead="kreis-dueren",
        phase=Phase.PILOT,
        focus=("open-data-partizipation", "mobile-vernetzte-verwaltung"),
        summary="Kreistagsmitglieder erhalten Einladungen, Vorlagen und Niederschriften nur noch digital; "
        "Anträge und Abstimmungen laufen über eine gemeinsame Gremien-App.",
        description="Die Erprobung läuft in zwei Kreistagen; öffentliche Vorlagen erscheinen zugleich als "
        "offene Daten.",
        start=-8,
        end=10,
        partners=(("rhein-kreis-neuss", "pilot"), ("staedteregion-aachen", "associated")),
        milestones=(
            M("Tablets an die Pilotfraktionen ausgegeben", -5, True),
            M("Hybride Sitzungen rechtssicher geregelt", -2),
            M("Auswertung der Pilotphase", 3, partner="rhein-kreis-neuss"),
        ),
        reports=(
            R(
                1,
                "rgy",
                "Die Geschäftsordnung für hybride Sitzungen ist noch nicht beschlossen; der Pilot "
                "läuft vorerst ohne Fernabstimmung.",
            ),
            R(4, "ggg", "Die Tablets sind ausgegeben."),
        ),
        contributions=(
            C("kreis-dueren", "eur", 15000, "Beschaffung der Tablets"),
            C("rhein-kreis-neuss", "days", 10, "Erprobung im eigenen Kreistag"),
        ),
    ),
    DemoProject(
        slug="mobile-buergerdienste",
        acronym="MOB-BD",
        title="Mobile Bürgerdienste (Bürgerkoffer)",
        lead="rhein-kreis-neuss",
        phase=Phase.COMPLETED,
        focus=("mobile-vernetzte-verwaltung",),
        summary="Der Bürgerkoffer bringt das Bürgerbüro zu Menschen, die nicht mobil sind: Ausweise "
        "beantragen und Meldebescheinigungen ausstellen, im Seniorenheim oder zu Hause.",
        description="Drei Kreise setzen den Bürgerkoffer dauerhaft ein; jeder beschafft und betreibt seine "
        "eigenen Koffer.",
        start=-50,
        end=-14,
        public=True,
        sponsor="rp",
        partners=(("kreis-dueren", "partner"), ("rhein-erft-kreis", "partner"), ("rp", "associated")),
        milestones=(
            M("Bürgerkoffer beschafft und zertifiziert", -44, True),
            M("Erprobung in Seniorenheimen", -30, True, "kreis-dueren"),
            M("Betriebskonzept für alle Kreise", -16, True),
        ),
        reports=(R(15, "ggg", "Abgeschlossen; drei Kreise setzen den Bürgerkoffer dauerhaft ein."),),
        contributions=(
            C("rhein-kreis-neuss", "eur", 18000, "Beschaffung von zwei Bürgerkoffern"),
            C("kreis-dueren", "days", 20, "Einsätze in der Erprobung"),
        ),
        links=((LinkKind.DOCUMENTATION, "Betriebskonzept", f"{DOCS}/buergerkoffer/betrieb"),),
    ),
    DemoProject(
        slug="terminvergabe-buergerbueros",
        acronym="TERMIN-BB",
        title="Online-Terminvergabe und Aufrufsystem für Bürgerbüros",
        lead="rhein-pfalz-kreis",
        phase=Phase.TRANSFER,
        focus=("ozg-leistungen", "transfer-nachnutzung"),
        summary="Termine im Bürgerbüro online buchen und die Wartenummer aufs Handy bekommen: ein gemeinsam "
        "betriebenes Terminsystem, das Kommunen ohne eigene Beschaffung nachnutzen können.",
        description="Das System ist mandantenfähig; jede nachnutzende Kommune trägt nur ihren eigenen Betrieb.",
        start=-40,
        end=6,
        public=True,
        sponsor="rp",
        partners=(("ludwigshafen", "partner"), ("kreis-bergstrasse", "partner"), ("rp", "associated")),
        milestones=(
            M("Terminsystem in zwei Bürgerbüros", -30, True),
            M("Aufrufsystem mit Benachrichtigung aufs Handy", -18, True, "ludwigshafen"),
            M("Mandantenfähiger Betrieb für weitere Kommunen", -6, True),
            M("Drei Nachnutzer im Betrieb", 4),
        ),
        reports=(
            R(1, "ggg", "Zwei Nachnutzer werden gerade eingerichtet."),
            R(4, "gyg", "Die Mandantenfähigkeit kam später als geplant; das Budget reicht."),
        ),
        contributions=(
            C("rhein-pfalz-kreis", "days", 45, "Projektleitung und Betrieb"),
            C("ludwigshafen", "days", 20, "Erprobung im Bürgerbüro", confirm=True),
            C("rp", "eur", 20000, "Aufbau des mandantenfähigen Betriebs", confirm=True),
        ),
        links=((LinkKind.REPOSITORY, "Quellcode", f"{REPO}/terminvergabe"),),
    ),
    DemoProject(
        slug="chatbot-115",
        acronym="115-BOT",
        title="Chatbot für die 115-Wissensdatenbank",
        lead="kreis-bergstrasse",
        phase=Phase.STOPPED,
        stopped_in=Phase.IDEA,
        focus=("mobile-vernetzte-verwaltung",),
        summary="Ein Chatbot sollte Fragen aus der 115-Wissensdatenbank rund um die Uhr beantworten.",
        description="Die Idee wurde im Lenkungskreis vorgestellt und nicht weiterverfolgt.",
        stop_reason="Eine bundesweite Lösung für die 115 ist in Vorbereitung; eine doppelte Entwicklung "
        "wird vermieden.",
        start=None,
        end=None,
        partners=(("mannheim", "associated"),),
        milestones=(M("Ideenskizze im Lenkungskreis vorgestellt", -7, True),),
    ),
    DemoProject(
        slug="formularservice-efa",
        acronym="FORM-EFA",
        title="Nachnutzbarer Formularservice für EfA-Leistungen",
        lead="komm-one",
        phase=Phase.IMPLEMENTATION,
        focus=("transfer-nachnutzung", "ozg-leistungen"),
        summary="Online-Formulare einmal bauen und vielfach nutzen: Ein Formularservice stellt "
        "EfA-Leistungen mit Zustellung über FIT-Connect bereit, die Kommunen ohne eigene "
        "Entwicklung einbinden.",
        description="Der Service wird nach der Erprobung in Heidelberg in den Landesbetrieb überführt.",
        start=-26,
        end=10,
        public=True,
        sponsor="bw",
        partners=(("bw", "partner"), ("heidelberg", "pilot"), ("rhein-neckar-kreis", "partner")),
        milestones=(
            M("Formularbaukasten mit 20 Leistungen", -16, True),
            M("Zustellung über FIT-Connect", -8, True),
            M("Prüfung der Barrierefreiheit nach BITV 2.0", -2),
            M("Übergabe in den Landesbetrieb", 7, partner="bw"),
        ),
        reports=(
            R(0, "ygg", "Die Prüfung der Barrierefreiheit fand zwölf Mängel; die Nachbesserung läuft."),
            R(3, "ggg", "Heidelberg nutzt den Service für fünf Leistungen."),
        ),
        contributions=(
            C("komm-one", "days", 90, "Entwicklung und Betrieb"),
            C("bw", "eur", 120000, "Finanzierung der Entwicklung", confirm=True),
            C("heidelberg", "days", 15, "Erprobung mit fünf Leistungen"),
        ),
        links=(
            (LinkKind.REPOSITORY, "Quellcode", f"{REPO}/formularservice"),
            (LinkKind.DOCUMENTATION, "Dokumentation", f"{DOCS}/formularservice"),
        ),
    ),
    DemoProject(
        slug="offene-haushaltsdaten",
        acronym="HH-OFFEN",
        title="Offene Haushaltsdaten der Kreise",
        lead="kreis-dueren",
        phase=Phase.IDEA,
        focus=("open-data-partizipation",),
        summary="Haushaltspläne und Jahresabschlüsse der Kreise als offene, vergleichbare Daten "
        "veröffentlichen und verständlich darstellen.",
        description="Die Idee knüpft an den abgeschlossenen Bürgerhaushalt an.",
        start=4,
        end=18,
        partners=(("rhein-erft-kreis", "associated"), ("staedteregion-aachen", "associated")),
        milestones=(M("Projektskizze für den Lenkungskreis", 2),),
        contributions=(C("kreis-dueren", "days", 5, "Ausarbeitung der Projektskizze"),),
    ),
]
