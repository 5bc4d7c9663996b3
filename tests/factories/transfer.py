"""Factories of the transfer platform: solutions, OZG services, adoptions, documents, inquiries."""

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories.people_and_partners import PDF
from transfer.models import (
    Adoption,
    AdoptionStage,
    Inquiry,
    InquiryState,
    Licence,
    MaturityModel,
    OzgThemenfeld,
    ServiceCoverage,
    Solution,
    SolutionDocument,
    SolutionState,
)

# --- transfer ------------------------------------------------------------------------------------


class SolutionFactory(factory.django.DjangoModelFactory):
    """A published, transfer-ready solution (call `search_vector_refresh` for PostgreSQL search)."""

    class Meta:
        model = Solution

    title = factory.Sequence(lambda n: f"Mängelmelder {n}")
    slug = factory.Sequence(lambda n: f"maengelmelder-{n}")
    short_description = "Schäden im öffentlichen Raum per App melden."
    problem = "Bürgerinnen und Bürger melden Schlaglöcher bisher per Telefon."
    target_group = "Städte und Gemeinden"
    how_it_works = "Eine App übermittelt Foto und Ort an das Fachverfahren."
    licence = Licence.EUPL_12
    publiccode_yml = "publiccodeYmlVersion: '0.4'"
    operating_model = "Betrieb durch einen kommunalen IT-Dienstleister"
    contact_label = "Geschäftsstelle Kooperationsraum"
    contact_email = "transfer@kooperationsraum.example.org"
    state = SolutionState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_reviewed_on = factory.LazyFunction(timezone.localdate)


class ServiceCoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCoverage

    solution = factory.SubFactory(SolutionFactory)
    leika_key = factory.Sequence(lambda n: f"99{n:012d}")
    name = "Mängelmeldung im öffentlichen Raum"
    themenfeld = OzgThemenfeld.RECHT_ORDNUNG
    maturity_model = MaturityModel.V1
    maturity_level = 3


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    solution = factory.SubFactory(SolutionFactory)
    organisation = factory.Sequence(lambda n: f"Stadt Nachnutzung {n}")
    stage = AdoptionStage.PRODUCTION


class SolutionDocumentFactory(factory.django.DjangoModelFactory):
    """Writes a file: set `settings.MEDIA_ROOT` to a temporary directory first."""

    class Meta:
        model = SolutionDocument

    solution = factory.SubFactory(SolutionFactory)
    title = "Handbuch"
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="handbuch.pdf"))


class InquiryFactory(factory.django.DjangoModelFactory):
    """A confirmed request (the public form plus the e-mail link make one)."""

    class Meta:
        model = Inquiry

    solution = factory.SubFactory(SolutionFactory)
    administration = factory.Sequence(lambda n: f"Stadt Anfrage {n}, Bürgeramt")
    contact_name = "Max Beispiel"
    contact_email = factory.Sequence(lambda n: f"anfrage{n}@example.org")
    message = "Wir möchten die Lösung erproben."
    consent = True
    state = InquiryState.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
