"""Every model of the domain apps has a factory in tests/factories/, and it makes a valid row."""

import inspect

import factory
import pytest
from django.apps import apps

from tests import factories

# Written only by their own mechanism: the audit chain by `audit_record`, guardian's grant rows
# by the services that assign permissions.
WITHOUT_FACTORY = {
    "AuditEvent",
    "ProjectUserObjectPermission",
    "ProjectGroupObjectPermission",
    "SponsorshipUserObjectPermission",
    "SponsorshipGroupObjectPermission",
}
FACTORIES = {
    obj._meta.model: obj
    for _name, obj in inspect.getmembers(factories, inspect.isclass)
    if issubclass(obj, factory.django.DjangoModelFactory) and obj._meta.model is not None
}
MODELS = [
    model
    for app in ("governance", "projects", "transfer")
    for model in apps.get_app_config(app).get_models()
    if model.__name__ not in WITHOUT_FACTORY
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_model_has_a_factory(model):
    assert model in FACTORIES, f"tests/factories/ has no factory for {model.__name__}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory_class", sorted(FACTORIES.values(), key=lambda f: f.__name__), ids=lambda f: f.__name__
)
def test_factory_makes_a_valid_row(factory_class, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = factory_class()
    row.full_clean()
    assert type(row).objects.filter(pk=row.pk).exists()
