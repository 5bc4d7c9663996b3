"""`manage.py report`: the same run as the worker's, one path a line, German errors without traceback."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from governance.models import Notification
from reports.models import ReportRun, Trigger

ROOT = Path(__file__).resolve().parents[2]


def run_command(*args) -> list[str]:
    out, err = StringIO(), StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines()


def test_prints_the_absolute_path_of_each_file(dataset):
    lines = run_command("monthly", "2026-11")
    assert [Path(line).name for line in lines] == [
        "statusbericht-2026-11.csv",
        "statusbericht-2026-11.pdf",
        "statusbericht-2026-11.xlsx",
    ]
    assert all(Path(line).is_absolute() and Path(line).is_file() for line in lines)
    run = ReportRun.objects.get()
    assert (run.kind, run.period, run.trigger, run.state) == ("monthly", "2026-11", Trigger.COMMAND, "done")
    assert not Notification.objects.filter(kind="report").exists()  # without --send nothing is delivered


def test_a_second_call_stores_nothing_new_and_send_delivers_once(dataset, django_capture_on_commit_callbacks):
    first = run_command("weekly", "2026-W48")
    with django_capture_on_commit_callbacks(execute=True):
        second = run_command("weekly", "2026-W48", "--send")
        run_command("weekly", "2026-W48", "--send")
    assert first == second
    assert ReportRun.objects.count() == 1
    assert Notification.objects.filter(kind="report").count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["monthly", "2099-01"], "liegt in der Zukunft"),
        (["monthly", "2026-1"], "passt nicht"),
        (["quarterly", "2026-Q3"], "Unbekannte Berichtsart"),
    ],
)
def test_bad_input_is_refused_in_german(db, args, message):
    with pytest.raises(CommandError, match=message):
        run_command(*args)
    assert not ReportRun.objects.exists()


def test_bad_input_exits_non_zero_without_traceback():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kooperationsraum.settings_test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "report", "daily", "2026"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Unbekannte Berichtsart „daily“" in result.stderr
    assert "Traceback" not in result.stderr
