"""The reports benchmark: build the steering circle's monthly status pack and the secretariat's
weekly brief at 1,000 projects and time them, the way the worker builds them (`build_report`).

Seeds through bench/seed.py (scale 0.5: 1,000 projects, 5,000 solutions, 10,000 adoptions) and adds
what the reports read and the base seed lacks: two status reports per project (last month and this
month, so lights change), milestones due in the month (some slipped) and sponsorship decisions.
Needs DATABASE_URL (a benchmark database of its own: seed.py refuses any other). The goal of the
issue is under 10 s for the monthly pack at 1,000 projects; it is reported, not asserted.
Results are merged into bench/results.json as targets named `report: …`; other targets stay.
"""

import json
import os
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))
PREFIX = "report: "


def _month_before(today: date):
    from reports.periods import period_containing

    return period_containing("monthly", today.replace(day=1) - timedelta(days=1))


def seed_reports(*, period, rng: random.Random) -> dict:
    """Status reports, milestones and decisions for `period`; once per seeded data set."""
    from django.db import transaction

    from projects.models import Milestone, Project, Sponsorship, SponsorshipState, StatusReport, TrafficLight

    projects = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    if StatusReport.objects.exists():
        return {"projects": len(projects)}
    # About one project in twenty shows red, as in a portfolio that is mostly on track.
    lights = [TrafficLight.GREEN] * 40 + [TrafficLight.YELLOW] * 12 + [TrafficLight.RED]
    before = period.start_at - timedelta(days=10)
    within = period.start_at + timedelta(days=12)
    reports, milestones = [], []
    for pk in projects:
        previous = [rng.choice(lights) for _ in range(3)]
        # Most projects report the same lights again; about one in ten changes one of them.
        current = list(previous)
        if rng.random() < 0.1:
            current[rng.randrange(3)] = rng.choice(lights)
        for lights_of, at in ((previous, before), (current, within)):
            reports.append(
                StatusReport(
                    project_id=pk,
                    period_start=(at - timedelta(days=30)).date(),
                    period_end=at.date(),
                    schedule=lights_of[0],
                    budget=lights_of[1],
                    scope=lights_of[2],
                    text="Bericht des Projektteams.",
                    created_at=at,
                )
            )
        # Every other project has a milestone due in the month; about one in eight of them slips
        # (half reached late, half still open at the month's end).
        if rng.random() < 0.5:
            due = period.start + timedelta(days=rng.randrange((period.end - period.start).days))
            slip = rng.random()
            done = due if slip >= 0.125 else (due + timedelta(days=rng.randint(1, 5)) if slip < 0.0625 else None)
            milestones.append(Milestone(project_id=pk, title="Meilenstein des Monats", due_on=due, done_on=done))
    with transaction.atomic():
        StatusReport.objects.bulk_create(reports, batch_size=2000)
        Milestone.objects.bulk_create(milestones, batch_size=2000)
        decided = list(
            Sponsorship.objects.exclude(state=SponsorshipState.REQUESTED).order_by("pk").values_list("pk", flat=True)
        )
        Sponsorship.objects.filter(pk__in=decided[: max(2, len(decided) // 20)]).update(
            decided_at=period.start_at + timedelta(days=5), requested_at=period.start_at - timedelta(days=20)
        )
    return {"projects": len(projects)}


def _time(build, period, rounds: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, built, queries = [], None, 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            built = build(period)
            seconds.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    sizes = {fmt: len(content) for fmt, (_name, content) in built.files.items()}
    return {"seconds": seconds, "queries": queries, "sizes": sizes, "summary": built.summary}


def run(*, scale: float, rounds: int) -> list[dict]:
    import django

    from bench.web import configure_environment

    configure_environment(Path(os.environ.get("BENCH_VAR_DIR", ROOT / "var" / "bench")))
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench.seed import seed
    from reports.builders import build_report
    from reports.periods import period_containing

    seed(scale=scale)
    call_command("collectstatic", verbosity=0, interactive=False)  # as in production: hashed names
    today = timezone.localdate()
    month = _month_before(today)
    week = period_containing("weekly", today - timedelta(days=7))
    counts = seed_reports(period=month, rng=random.Random(15))
    results = []
    for name, period in (("monthly status pack", month), ("weekly brief", week)):
        measured = _time(build_report, period, rounds)
        results.append(
            {
                "name": f"{PREFIX}{name}",
                "path": f"{period.kind} {period.key}",
                "projects": counts["projects"],
                "seconds": round(min(measured["seconds"]), 2),
                "seconds_first": round(measured["seconds"][0], 2),
                "seconds_median": round(statistics.median(measured["seconds"]), 2),
                "queries": measured["queries"],
                "file_bytes": measured["sizes"],
                "summary": measured["summary"],
                "errors": 0,
            }
        )
    return results


def merge(results: list[dict]) -> None:
    """Replace this section's targets in the results file, keep everyone else's."""
    payload = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    others = [t for t in payload.get("targets", []) if not str(t.get("name", "")).startswith(PREFIX)]
    payload["targets"] = others + results
    if "commit" not in payload:  # the web section writes the run's header; alone, this one does
        from bench.web import commit

        payload["commit"] = commit()
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def main(*, smoke: bool) -> int:
    scale, rounds = (0.01, 1) if smoke else (0.5, 2)
    results = run(scale=scale, rounds=rounds)
    print("| report | projects | seconds (best) | first | SQL queries | PDF bytes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['name'].removeprefix(PREFIX)} | {r['projects']:,} | {r['seconds']:.2f} | {r['seconds_first']:.2f} "
            f"| {r['queries']} | {r['file_bytes'].get('pdf', 0):,} |"
        )
    merge(results)
    print(f"written to {RESULTS}")
    return 0
