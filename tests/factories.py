import factory
from django.utils import timezone

from governance.models import (
    FocusArea,
    Network,
    NetworkMembership,
    Partner,
    PartnerKind,
    RoleAssignment,
    State,
    User,
)


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
