"""Who may produce, follow and download which report; the dashboards; the public pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reports import services
from reports.models import ReportRun, RunState, Trigger
from reports.periods import parse_period
from tests.conftest import person_with_role
from tests.factories import UserFactory


def produced(kind: str, period: str, *, send: bool = False) -> ReportRun:
    run, _ = services.report_run_get_or_create(period=parse_period(kind, period), trigger=Trigger.COMMAND)
    run = services.report_produce(run_id=run.pk)
    if send:
        services.report_send(run_id=run.pk)
    return run


def test_the_secretariat_produces_a_report_and_follows_it(client, dataset, django_capture_on_commit_callbacks):
    client.force_login(dataset["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):  # eager: the worker runs after commit
        response = client.post(reverse("reports:run-request"), {"kind": "monthly", "period": "2026-11"})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert (run.trigger, run.state, run.requested_by) == (Trigger.WORKSPACE, RunState.DONE, dataset["secretariat"])
    page = client.get(run.get_absolute_url())
    assert page.status_code == 200 and "statusbericht-2026-11.pdf" in page.content.decode()
    status = client.get(reverse("reports:run-status", args=[run.pk])).json()
    assert status == {"state": "done", "label": "fertig", "progress": 100, "done": True}
    download = client.get(reverse("reports:run-file", args=[run.pk, "pdf"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_a_running_report_shows_its_progress_and_is_not_started_twice(client, dataset):
    client.force_login(dataset["secretariat"])
    run, _ = services.report_run_get_or_create(period=parse_period("weekly", "2026-W48"), trigger=Trigger.WORKSPACE)
    from django.utils import timezone

    ReportRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING, progress=40, claimed_at=timezone.now())
    response = client.post(reverse("reports:run-request"), {"kind": "weekly", "period": "2026-W48"}, follow=True)
    content = response.content.decode()
    assert "Dieser Bericht wird gerade erstellt." in content
    assert '<progress id="fortschritt" max="100" value="40">' in content
    assert "reports/js/progress.js" in content and "Stand aktualisieren" in content
    assert ReportRun.objects.count() == 1


@pytest.mark.parametrize(
    ("period", "message"),
    [("2099-01", "liegt in der Zukunft"), ("Nov", "passt nicht zur Berichtsart")],
)
def test_bad_periods_in_the_workspace(client, dataset, period, message):
    client.force_login(dataset["secretariat"])
    response = client.post(reverse("reports:run-request"), {"kind": "monthly", "period": period})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReportRun.objects.exists()


def test_only_the_secretariat_may_produce(client, dataset):
    client.force_login(dataset["steering"])
    assert client.post(reverse("reports:run-request"), {"kind": "monthly", "period": "2026-11"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.report_request(period=parse_period("monthly", "2026-11"), actor=dataset["steering"])
    assert not ReportRun.objects.exists()


def test_download_access_the_four_checks(client, dataset, land_bw):
    pack = produced("monthly", "2026-11", send=True)
    brief = produced("weekly", "2026-W48")
    url = reverse("reports:run-file", args=[pack.pk, "pdf"])
    # anonymous → login
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    # no permission → 404 (a report's existence is not everybody's business)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:run-list")).status_code == 403
    # a steering member the pack was addressed to → 200, and it is listed for them
    client.force_login(dataset["steering"])
    assert client.get(url).status_code == 200
    assert pack.get_absolute_url() in client.get(reverse("reports:run-list")).content.decode()
    # … but not the secretariat's weekly brief, nor a pack addressed to others
    assert client.get(reverse("reports:run-file", args=[brief.pk, "csv"])).status_code == 404
    latecomer = person_with_role("steering_member", land_bw)
    client.force_login(latecomer)
    assert client.get(url).status_code == 404


def test_the_secretariat_publishes_the_annual_report(client, dataset):
    run = produced("annual", "2026")
    public_url = reverse("reports:annual-detail", args=["2026"])
    assert client.get(public_url).status_code == 404  # not yet reviewed and published
    client.force_login(dataset["steering"])
    assert client.post(reverse("reports:run-publish", args=[run.pk])).status_code == 404
    client.force_login(dataset["secretariat"])
    assert client.post(reverse("reports:run-publish", args=[run.pk])).status_code == 302
    client.logout()
    page = client.get(public_url)
    content = page.content.decode()
    assert page.status_code == 200 and "Stadt Heidelberg" in content and "Rhein-Neckar-Kreis" in content
    assert "GEHEIME NOTIZ" not in content
    pdf = client.get(reverse("reports:annual-pdf", args=["2026"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "2026" in client.get(reverse("reports:annual-list")).content.decode()


def test_overview_access_and_content(client, dataset):
    url = reverse("reports:overview")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(dataset["secretariat"])
    content = client.get(url).content.decode()
    assert "Projekte nach Phase" in content and 'alt="Projekte nach Phase.' in content
    assert '<th scope="row">Erprobung</th><td class="number">1</td>' in content
    assert "data:image/svg+xml;base64," in content and "<script" not in content.split("<main")[1]
    csv = client.get(reverse("reports:overview-csv"), {"figur": "phasen"})
    assert csv.status_code == 200 and csv.content.decode("utf-8-sig").splitlines()[0] == "Phase;Projekte"
    assert client.get(reverse("reports:overview-csv"), {"figur": "nichts"}).status_code == 404


def test_cio_page_shows_the_projects_of_their_land(client, dataset, cio_bw):
    url = reverse("reports:cio")
    client.force_login(dataset["secretariat"])
    assert client.get(url).status_code == 403
    client.force_login(cio_bw)
    content = client.get(url).content.decode()
    assert "Digitale Kfz-Zulassung" in content and "Schnittstelle zum KBA" in content
    assert "Mängelmelder" not in content  # sponsored by nobody; Hessen declined


def test_statistics_page_is_public_and_cacheable(client, dataset):
    response = client.get(reverse("reports:statistics"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    assert "Lösungen nach Arbeitsschwerpunkt" in content and "Interne Lösung" not in content
    csv = client.get(reverse("reports:statistics-csv")).content.decode("utf-8-sig").splitlines()
    assert csv[0] == "Grafik;Zeile;Reihe;Wert"
    assert "Nachnutzungen nach Stand;Produktivbetrieb;Nachnutzungen;1" in csv  # not the unpublished one
