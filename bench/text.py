"""German administrative prose of realistic length for the benchmark's full-text search.

Words are drawn with Zipf-like weights, so a few terms ("Verwaltung") occur in nearly every
solution and most occur in few: the two search targets are the most frequent word and one that
only a handful of solutions contain.
"""

import random

WORDS = ["Verwaltung", "Antrag", "Bürgerinnen", "Bürger", "Kommune", "Land", "Daten", "Verfahren", "digital", "Leistung", "Nachweis", "Formular", "Bescheid", "Zuständigkeit", "Fachverfahren", "Schnittstelle", "Prüfung", "Genehmigung", "Online", "Portal", "Sachbearbeitung", "Behörde", "Registermodernisierung", "Datenschutz", "Barrierefreiheit", "Nutzerkonto", "Unternehmen", "Gewerbe", "Anmeldung", "Ummeldung", "Wohngeld", "Elterngeld", "Kindergeld", "Baugenehmigung", "Führerschein", "Fahrzeug", "Zulassung", "Meldewesen", "Personalausweis", "Reisepass", "Standesamt", "Urkunde", "Gebühr", "Zahlung", "Einwohnermeldeamt", "Ordnungsamt", "Jugendamt", "Sozialamt", "Bauamt", "Landratsamt", "Stadtverwaltung", "Gemeinde", "Kreis", "Rechenzentrum", "Dienstleister", "Betrieb", "Hosting", "Wartung", "Lizenz", "Quellcode", "Nachnutzung", "Mitnutzung", "Einführung", "Pilotierung", "Erprobung", "Reallabor", "Beteiligung", "Abstimmung", "Koordination", "Arbeitsgruppe", "Lenkungskreis", "Projektteam", "Anforderung", "Konzept", "Umsetzung", "Schulung", "Handbuch", "Dokumentation", "Support", "Störung", "Sicherheit", "Verschlüsselung", "Signatur", "Authentifizierung", "Postfach", "Nachricht", "Zustellung", "Akte", "Aktenführung", "Archivierung", "Löschfrist", "Aufbewahrung", "Statistik", "Auswertung", "Bericht", "Kennzahl", "Qualität", "Wirtschaftlichkeit", "Kosten", "Aufwand", "Personal", "Fachkräfte", "Medienbruch", "Papier", "Scan", "Eingang", "Posteingang", "Workflow", "Automatisierung", "Prozess", "Ablauf", "Terminvereinbarung", "Wartezeit", "Service", "Bürgerbüro", "Beratung", "Auskunft", "Information", "Transparenz", "Mängelmelder", "Straßenschaden", "Beleuchtung", "Abfall", "Müllabfuhr", "Sperrmüll", "Parkausweis", "Anwohner", "Hundesteuer", "Grundsteuer", "Gewerbesteuer", "Kita", "Schule", "Schülerbeförderung", "Ganztag", "Hort", "Pflege", "Eingliederungshilfe", "Asyl", "Aufenthalt", "Einbürgerung", "Ausländerbehörde", "Visum", "Arbeitserlaubnis", "Veranstaltung", "Sondernutzung", "Baustelle", "Verkehr", "Haltverbot", "Umzug", "Wahl", "Briefwahl", "Wahlschein", "Ehrenamt", "Verein", "Fördermittel", "Zuwendung", "Verwendungsnachweis", "Vergabe", "Ausschreibung", "Beschaffung", "Rechnung", "Eingangsrechnung", "XRechnung", "Haushalt", "Kasse", "Mahnung", "Vollstreckung", "Bußgeld", "Anhörung", "Widerspruch", "Klage", "Gericht", "Rechtsgrundlage", "Verordnung", "Gesetz", "Satzung", "Richtlinie", "Standard", "XÖV", "FIT-Connect", "DeutschlandID", "Organisationskonto", "ePayment", "Basiskomponente", "Architektur", "Cloud", "Container", "Plattform", "Modul", "Baustein", "Komponente", "Integration", "Migration", "Altverfahren", "Ablösung", "Umweltzone", "Immissionsschutz", "Wasserrecht", "Jagdschein", "Fischereischein", "Waffenschein", "Gaststätte", "Schankerlaubnis", "Marktplatz", "Wochenmarkt", "Friedhof", "Bestattung", "Grabstätte", "Denkmalschutz", "Geodaten", "Kataster", "Vermessung", "Bebauungsplan", "Flächennutzung", "Bürgerbeteiligung", "Stellungnahme"]
# A word only the benchmark's rare search target matches (in a handful of solutions).
RARE_WORD = "Streuobstwiesenkataster"
FREQUENT_WORD = WORDS[0]
JOINERS = ["und", "für", "mit", "der", "die", "das", "im", "zur", "zum", "ohne", "über", "durch", "bei"]
WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]


def sentence(rng: random.Random, words: int) -> str:
    out = []
    for i, word in enumerate(rng.choices(WORDS, WEIGHTS, k=words)):
        out.append(word)
        if i % 3 == 1:
            out.append(rng.choice(JOINERS))
    return " ".join(out).capitalize() + "."


def paragraph(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    length = 0
    while length < chars:
        part = sentence(rng, rng.randint(7, 16))
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)
