from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from governance.tasks import purge_login_attempts

pytestmark = pytest.mark.django_db


def attempt(age: timedelta, ip: str) -> AccessAttempt:
    record = AccessAttempt.objects.create(
        username="a@example.org",
        ip_address=ip,
        user_agent="test",
        failures_since_start=1,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/konto/login/",
    )
    AccessAttempt.objects.filter(pk=record.pk).update(attempt_time=timezone.now() - age)
    return record


def test_failed_logins_older_than_a_day_are_purged():
    old = attempt(timedelta(hours=25), "192.0.2.1")
    recent = attempt(timedelta(hours=23), "192.0.2.2")
    assert purge_login_attempts.delay().get() == 1
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
