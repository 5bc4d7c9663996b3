"""Idempotency: one run per kind and period, produced and sent once, whoever fires it how often."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import Notification
from reports import builders, services, tasks
from reports.models import ReportRun, RunState, Trigger
from reports.periods import parse_period


@pytest.fixture
def build_count(monkeypatch):
    calls = []
    original = builders.BUILDERS["monthly"]

    def counting(period, progress=lambda _p: None):
        calls.append(period.key)
        return original(period, progress)

    monkeypatch.setitem(builders.BUILDERS, "monthly", counting)
    return calls


def on_day(monkeypatch, day: date) -> None:
    """The schedule's "today" (only the task's own view of the date; roles stay current)."""
    monkeypatch.setattr(tasks, "timezone", SimpleNamespace(localdate=lambda: day))


def test_one_run_per_kind_and_period(dataset):
    period = parse_period("monthly", "2026-11")
    first, created = services.report_run_get_or_create(period=period, trigger=Trigger.SCHEDULE)
    second, created_again = services.report_run_get_or_create(period=period, trigger=Trigger.COMMAND)
    assert (created, created_again, first.pk) == (True, False, second.pk)


def test_producing_twice_builds_once(dataset, build_count):
    run, _ = services.report_run_get_or_create(period=parse_period("monthly", "2026-11"), trigger=Trigger.COMMAND)
    services.report_produce(run_id=run.pk)
    services.report_produce(run_id=run.pk)
    run.refresh_from_db()
    assert build_count == ["2026-11"]
    assert (run.state, run.progress, run.files.count()) == (RunState.DONE, 100, 3)


def test_a_run_claimed_by_another_worker_is_left_alone_until_its_lease_ends(dataset, build_count, settings):
    run, _ = services.report_run_get_or_create(period=parse_period("monthly", "2026-11"), trigger=Trigger.SCHEDULE)
    ReportRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING, claimed_at=timezone.now())
    assert services.report_produce(run_id=run.pk).state == RunState.RUNNING
    assert build_count == []
    # The other worker died: after the lease the run is taken over.
    stale = timezone.now() - timedelta(seconds=settings.REPORTS_CLAIM_LEASE + 1)
    ReportRun.objects.filter(pk=run.pk).update(claimed_at=stale)
    assert services.report_produce(run_id=run.pk).state == RunState.DONE
    assert build_count == ["2026-11"]


def test_beat_firing_twice_sends_the_monthly_pack_once(
    dataset, build_count, monkeypatch, django_capture_on_commit_callbacks
):
    on_day(monkeypatch, date(2026, 12, 1))  # a Tuesday, no holiday: the first working day
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_scheduled_report.delay("monthly").get() == "sent to 2"
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_scheduled_report.delay("monthly").get() == "sent to 0"
    run = ReportRun.objects.get(kind="monthly", period="2026-11")
    assert build_count == ["2026-11"]
    assert set(run.recipients.all()) == {dataset["steering"], dataset["steering_deputy"]}
    assert Notification.objects.filter(kind="report").count() == 2
    assert len(mail.outbox) == 2
    names = sorted(name for name, _content, _type in mail.outbox[0].attachments)
    assert names == ["statusbericht-2026-11.csv", "statusbericht-2026-11.pdf", "statusbericht-2026-11.xlsx"]
    assert mail.outbox[0].attachments[1][1][:5] == b"%PDF-"


def test_sending_is_once_even_when_called_again(dataset, django_capture_on_commit_callbacks):
    run, _ = services.report_run_get_or_create(period=parse_period("weekly", "2026-W48"), trigger=Trigger.COMMAND)
    services.report_produce(run_id=run.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_send(run_id=run.pk) == 1  # the secretariat
        assert services.report_send(run_id=run.pk) == 0
    assert [m.to for m in mail.outbox] == [[dataset["secretariat"].email]]
    assert "Meilensteine überfällig: 1" in mail.outbox[0].body


@pytest.mark.parametrize("day", [date(2026, 12, 2), date(2027, 1, 1), date(2027, 1, 2)])
def test_the_monthly_pack_waits_for_the_first_working_day(dataset, monkeypatch, day):
    on_day(monkeypatch, day)
    assert tasks.send_scheduled_report.delay("monthly").get() == "not due"
    assert not ReportRun.objects.exists()


def test_the_weekly_brief_goes_out_on_mondays(dataset, monkeypatch, django_capture_on_commit_callbacks):
    on_day(monkeypatch, date(2026, 11, 24))
    assert tasks.send_scheduled_report.delay("weekly").get() == "not due"
    on_day(monkeypatch, date(2026, 11, 23))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_scheduled_report.delay("weekly").get() == "sent to 1"
    assert ReportRun.objects.get().period == "2026-W48"


def test_beat_schedule_uses_berlin_time(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert settings.CELERY_TIMEZONE == "Europe/Berlin"
    weekly, monthly = schedule["send-weekly-brief"], schedule["send-monthly-pack"]
    assert (weekly["args"], monthly["args"]) == (["weekly"], ["monthly"])
    assert weekly["schedule"].hour == {7} and weekly["schedule"].day_of_week == {1}
    assert monthly["schedule"].day_of_month == set(range(1, 8))
