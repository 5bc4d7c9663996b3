"""The daily digest keeps what the collected notifications carry: invitations and report files."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from icalendar import Calendar

from governance.models import Delivery, NotificationKind, NotificationPreference
from governance.services.calendar import calendar_invitation
from governance.services.notifications import notification_create
from governance.tasks import send_daily_digests
from reports.models import FileFormat, ReportFile, ReportRun, RunState
from tests.factories import UserFactory
from tests.reports.conftest import berlin

pytestmark = pytest.mark.django_db
TEXT = {"subject": {"de": "Betreff", "en": "Subject"}, "body": {"de": "Text", "en": "Text"}}


def invitation(uid: str, summary: str) -> str:
    start = berlin(2026, 12, 10, 10)
    return calendar_invitation(uid=uid, summary=summary, location="Mannheim", start=start, end=start)


def report_run() -> ReportRun:
    run = ReportRun.objects.create(kind="monthly", period="2026-11", trigger="schedule", state=RunState.DONE)
    for file_format, name, content in [
        (FileFormat.PDF, "statusbericht-2026-11.pdf", b"%PDF-1.7 Bericht"),
        (FileFormat.CSV, "statusbericht-2026-11.csv", "Kürzel;Projekt\r\nKFZ;Kfz\r\n".encode()),
    ]:
        report_file = ReportFile(run=run, format=file_format, size=len(content))
        report_file.file.save(name, ContentFile(content), save=False)
        report_file.save()
    return run


def collect(person, *kinds):
    for kind in kinds:
        NotificationPreference.objects.create(person=person, kind=kind, delivery=Delivery.DAILY_DIGEST)


def test_a_digest_carries_the_invitation_and_the_report_files_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    collect(person, NotificationKind.MEETING_INVITATION, NotificationKind.REPORT)
    run = report_run()
    with django_capture_on_commit_callbacks(execute=True):
        notification_create(
            recipient=person,
            kind=NotificationKind.MEETING_INVITATION,
            calendar=invitation("sitzung-2026-12", "Lenkungskreis Dezember"),
            **TEXT,
        )
        notification_create(recipient=person, kind=NotificationKind.REPORT, target=run, **TEXT)
    assert mail.outbox == []  # collected, not sent
    assert send_daily_digests.delay().get() == 2
    [digest] = mail.outbox
    names = sorted(name for name, _content, _type in digest.attachments)
    assert names == ["einladung.ics", "statusbericht-2026-11.csv", "statusbericht-2026-11.pdf"]
    files = {name: (content, mimetype) for name, content, mimetype in digest.attachments}
    event = Calendar.from_ical(files["einladung.ics"][0]).walk("VEVENT")[0]
    assert str(event["summary"]) == "Lenkungskreis Dezember"
    assert files["einladung.ics"][1] == "text/calendar; method=REQUEST"
    assert files["statusbericht-2026-11.pdf"] == (b"%PDF-1.7 Bericht", "application/pdf")
    csv_content = files["statusbericht-2026-11.csv"][0]  # Django hands text/* on as text
    assert "KFZ;Kfz" in (csv_content if isinstance(csv_content, str) else csv_content.decode())


def test_two_invitations_keep_both_files_under_different_names(django_capture_on_commit_callbacks):
    person = UserFactory()
    collect(person, NotificationKind.MEETING_INVITATION)
    with django_capture_on_commit_callbacks(execute=True):
        for uid, summary in [("sitzung-1", "Erste Sitzung"), ("sitzung-2", "Zweite Sitzung")]:
            notification_create(
                recipient=person, kind=NotificationKind.MEETING_INVITATION, calendar=invitation(uid, summary), **TEXT
            )
    send_daily_digests.delay().get()
    [digest] = mail.outbox
    summaries = {
        name: str(Calendar.from_ical(content).walk("VEVENT")[0]["summary"]) for name, content, _ in digest.attachments
    }
    assert summaries == {"einladung.ics": "Erste Sitzung", "einladung-2.ics": "Zweite Sitzung"}
