"""The cooperation's one steering circle, with rules of procedure as DESIGN.md describes them
(objection refers to the next meeting, silence does not count, simple majority, more than half
of the seats for a quorum), so that the workspace works from the first start. The secretariat
changes the rules in the workspace; seats follow from its entries."""

from datetime import date

from django.db import migrations


def create(apps, schema_editor):
    SteeringCircle = apps.get_model("governance", "SteeringCircle")
    RulesOfProcedure = apps.get_model("governance", "RulesOfProcedure")
    circle, created = SteeringCircle.objects.get_or_create(
        slug="lenkungskreis", defaults={"name": "Lenkungskreis des Kooperationsraums", "number_prefix": "LK"}
    )
    if created:
        RulesOfProcedure.objects.create(circle=circle, valid_from=date(2025, 11, 25))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0012_steering_circle"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
