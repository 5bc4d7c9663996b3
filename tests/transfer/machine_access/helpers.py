"""What the machine-access tests share: namespaces, the internal contact no channel may show, the check."""

from rdflib import Namespace
from rdflib import namespace as rdf_ns

SITE = "https://kooperationsraum.example.org"


ATOM = "{http://www.w3.org/2005/Atom}"


class NS:
    """rdflib's vocabularies, kept off the module: pytest probes module attributes, and rdflib's
    closed namespaces warn about every name they don't define."""

    DCAT, DCTERMS, FOAF, RDF = rdf_ns.DCAT, rdf_ns.DCTERMS, rdf_ns.FOAF, rdf_ns.RDF
    VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
    DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")


# The internal contact person: neither name nor address may appear in any channel.
SECRET_NAME = "Hannelore Verschwiegen"


SECRET_EMAIL = "h.verschwiegen@privat.example.org"


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def assert_no_secrets(text: str, world) -> None:
    for secret in (SECRET_NAME, SECRET_EMAIL, "Hannelore", "Verschwiegen", "Geheimes Vorhaben", "geheimes-vorhaben"):
        assert secret not in text
    for hidden in world["hidden"]:
        assert hidden.title not in text
        assert f"/loesungen/{hidden.slug}/" not in text
