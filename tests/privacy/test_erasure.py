"""Art. 17 GDPR: the secretariat erases a person; no trace remains, the audit trail still verifies."""

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.test import Client, RequestFactory

from governance.models import AuditEvent, AuditVerb, Notification, NotificationKind, Role
from governance.services.audit import audit_record
from governance.services.audit_verification import audit_verify
from governance.services.notifications import notification_create
from privacy.models import Erasure
from privacy.services.erasure import person_erase
from projects.models import TeamMember
from tests.conftest import person_with_role
from tests.factories import SolutionFactory, UserFactory
from transfer.models import Inquiry
from transfer.services import search_vector_refresh

pytestmark = pytest.mark.django_db
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)


def rows_mentioning(*needles: str) -> list[str]:
    """Every table row, in every app, whose text (search vectors included) holds one of the needles."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS) and field.get_internal_type() != "SearchVectorField":
                continue
            if field.get_internal_type() == "SearchVectorField" and connection.vendor != "postgresql":
                continue
            annotated = model._base_manager.annotate(_text=Cast(field.name, models.TextField()))
            for needle in needles:
                if annotated.filter(_text__icontains=needle).exists():
                    found.append(f"{model._meta.label}.{field.name} ~ {needle}")
    return found


@pytest.fixture
def person(project, secretariat):
    """Someone whose data is spread over every app."""
    from projects.models import TeamRole
    from projects.services.projects import project_team_add

    person = UserFactory(email="erika.beispiel@example.org", first_name="Erika", last_name="Beispielfrau")
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.77", HTTP_USER_AGENT="Firefox/140")
    with transaction.atomic():
        project_team_add(project=project, person=person, role=TeamRole.CONTACT, actor=secretariat)
        audit_record(verb=AuditVerb.PROJECT_CHANGED, actor=person, target=project, request=request)
        notification_create(
            recipient=person,
            kind=NotificationKind.ACCOUNT,
            subject={"de": "Hallo Erika", "en": "Hello Erika"},
            body={"de": "Text", "en": "Text"},
        )
    solution = SolutionFactory(contact_person=person, how_it_works="Kontakt intern")
    search_vector_refresh(solution_ids=[solution.pk])
    Inquiry.objects.create(
        solution=solution,
        administration="Stadt",
        contact_name="Erika Beispielfrau",
        contact_email=person.email,
        message="Bitte melden",
        consent=True,
    )
    AccessAttempt.objects.create(username=person.email, ip_address="192.0.2.77", failures_since_start=1)
    return person


def test_erasure_leaves_no_trace_and_the_trail_still_verifies(person, secretariat, project):
    session_client = Client()
    session_client.force_login(person)
    assert rows_mentioning("erika.beispiel", "Beispielfrau", "192.0.2.77")  # the test can fail
    before = AuditEvent.objects.filter(actor=person).count()

    with transaction.atomic():
        person_erase(person=person, actor=secretariat)

    assert rows_mentioning("erika.beispiel", "Beispielfrau", "Erika", "192.0.2.77") == []
    assert not Notification.objects.filter(recipient=person).exists()
    assert not TeamMember.objects.filter(person=person).exists()
    assert not Session.objects.exists() or all(
        s.get_decoded().get("_auth_user_id") != str(person.pk) for s in Session.objects.all()
    )
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert Erasure.objects.get(person=person).erased_by == secretariat
    # The trail keeps the pseudonym and every event; it verifies unchanged.
    assert AuditEvent.objects.filter(actor=person).count() == before
    assert audit_verify().ok
    erased = AuditEvent.objects.get(verb=AuditVerb.PERSON_ERASED)
    assert erased.target_label == f"Person #{person.pk}"


def test_only_the_secretariat_erases_and_never_itself(person, secretariat, project_lead):
    with pytest.raises(PermissionDenied):
        person_erase(person=person, actor=project_lead)
    with pytest.raises(PermissionDenied):
        person_erase(person=secretariat, actor=secretariat)
    assert not Erasure.objects.exists()


def test_a_retention_duty_refuses_erasure(land_bw, secretariat):
    cio = person_with_role(Role.CIO, land_bw)  # a current role: end it first
    with pytest.raises(ValidationError, match="laufende Rolle"):
        person_erase(person=cio, actor=secretariat)
    assert rows_mentioning(cio.email)  # nothing was erased


def test_the_erase_page(client, person, secretariat, project_lead):
    url = f"/arbeitsbereich/personen/{person.pk}/loeschen/"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(project_lead)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(secretariat)
    assert "Daten dieser Person endgültig löschen" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert Erasure.objects.filter(person=person).exists()
    # Once erased, the page says so instead of offering it again.
    assert "bereits gelöscht" in client.get(url).content.decode()


def test_the_admin_leads_to_the_erase_page(client, person, secretariat):
    secretariat.is_staff = True
    secretariat.save()
    client.force_login(secretariat)
    response = client.post("/admin/governance/user/", {"action": "erase_person", "_selected_action": [person.pk]})
    assert response.status_code == 302
    assert response["Location"] == f"/arbeitsbereich/personen/{person.pk}/loeschen/"
    assert not Erasure.objects.exists()  # only the page erases, after confirmation
