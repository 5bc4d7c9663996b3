"""Factories of governance: people, partners, networks, focus areas, roles, notifications."""

import secrets

import factory
from django.utils import timezone

from governance.models import (
    Agreement,
    AgreementKind,
    CalendarFeed,
    Delivery,
    FocusArea,
    Network,
    NetworkMembership,
    Notification,
    NotificationKind,
    NotificationPreference,
    Partner,
    PartnerKind,
    Role,
    RoleAssignment,
    RoleGrant,
    State,
    User,
    token_digest,
)

PDF = b"%PDF-1.4\n"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "Testpasswort-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stadt Beispiel {n}")
    slug = factory.Sequence(lambda n: f"stadt-beispiel-{n}")
    kind = PartnerKind.CITY
    state = State.RP


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Verbund {n}")
    slug = factory.Sequence(lambda n: f"verbund-{n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    partner = factory.SubFactory(PartnerFactory)
    joined_on = factory.LazyFunction(timezone.localdate)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    name = factory.Sequence(lambda n: f"Schwerpunkt {n}")
    slug = factory.Sequence(lambda n: f"schwerpunkt-{n}")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = "project_contact"
    valid_from = factory.LazyFunction(timezone.localdate)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = AgreementKind.AGREEMENT
    title = factory.Sequence(lambda n: f"Kooperationsvereinbarung {n}")
    network = factory.SubFactory(NetworkFactory)
    valid_from = factory.LazyFunction(timezone.localdate)


class NotificationFactory(factory.django.DjangoModelFactory):
    """A stored row only; `notification_create` is what enqueues its delivery."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.SPONSORSHIP_REQUEST
    subject_de = "Neue Anfrage"
    subject_en = "New request"
    body_de = "Bitte prüfen Sie die Anfrage."
    body_en = "Please review the request."


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    person = factory.SubFactory(UserFactory)
    kind = NotificationKind.SPONSORSHIP_REQUEST
    delivery = Delivery.DAILY_DIGEST


class RoleGrantFactory(factory.django.DjangoModelFactory):
    """A pending proposal; `proposed_by` is another person, as the four-eyes rule requires."""

    class Meta:
        model = RoleGrant

    person = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Role.STEERING_MEMBER
    valid_from = factory.LazyFunction(timezone.localdate)
    proposed_by = factory.SubFactory(UserFactory)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    """Only the hash is stored; pass `token_hash=token_digest(token)` to know the address."""

    class Meta:
        model = CalendarFeed

    person = factory.SubFactory(UserFactory)
    token_hash = factory.LazyFunction(lambda: token_digest(secrets.token_urlsafe(32)))
