"""Benchmarks. Run with `make bench` (or `python -m bench [--smoke] [--section NAME ...]`).

Each section runs in its own process (each configures Django its own way):
- web: the portal at scale under wrk, side by side with Django's floor (bench/web.py); needs
  DATABASE_URL (an empty database of its own) and REDIS_URL (a Redis database of its own).
- notifications: 10,000 notifications through a private Redis and a real Celery worker
  (bench/notify.py); needs DATABASE_URL.
- enqueue: enqueue against a frozen Redis (SIGSTOP): the portal's broker settings vs Celery's defaults.
  Measured here before the settings: a plain `.delay()` hung for over 40 s.
- audit: the audit trail: cost of `audit_record` (hash chain + advisory lock) relative to a plain insert,
  and how fast `audit_verify` walks the chain.
- reports: the monthly status pack and the weekly brief at 1,000 projects (bench/reports.py); needs DATABASE_URL.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CAP = 60  # seconds we are willing to wait for Celery's defaults


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ENQUEUE_PROBE = """
import os, time, django
django.setup()
from kooperationsraum import celery_app
from governance.tasks import send_notification
celery_app.conf.task_always_eager = False
if os.environ["USE_DEFAULTS"] == "1":
    celery_app.conf.broker_transport_options = {}
    celery_app.conf.broker_connection_timeout = 4
start = time.perf_counter()
try:
    send_notification.apply_async(args=[0], retry=False)
    outcome = "published"
except Exception as error:
    outcome = type(error).__name__
print(f"{time.perf_counter() - start:.2f} {outcome}")
"""


def enqueue_seconds(redis_url: str, *, defaults: bool) -> tuple[float, str]:
    env = {
        **os.environ,
        "DEBUG": "1",
        "REDIS_URL": redis_url,
        "USE_DEFAULTS": "1" if defaults else "0",
        "DJANGO_SETTINGS_MODULE": "kooperationsraum.settings",
        "VAR_DIR": tempfile.mkdtemp(),
    }
    env.pop("DATABASE_URL", None)
    start = time.perf_counter()
    try:
        out = subprocess.run(
            [sys.executable, "-c", ENQUEUE_PROBE],
            cwd=ROOT,
            env=env,
            text=True,
            capture_output=True,
            timeout=DEFAULT_CAP,
        ).stdout.split()
        return float(out[0]), out[1]
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, f"still hanging after {DEFAULT_CAP} s (killed)"


def bench_frozen_redis() -> None:
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        redis.send_signal(signal.SIGSTOP)
        url = f"redis://127.0.0.1:{port}/0"
        ours, our_outcome = enqueue_seconds(url, defaults=False)
        theirs, their_outcome = enqueue_seconds(url, defaults=True)
        print(f"enqueue, frozen Redis, portal settings:  {ours:6.2f} s ({our_outcome})")
        print(f"enqueue, frozen Redis, Celery defaults: {theirs:6.2f} s ({their_outcome})")
        print(f"ratio defaults / portal: {theirs / ours:.1f}x")
    finally:
        redis.send_signal(signal.SIGCONT)
        redis.terminate()
        redis.wait(10)


def bench_audit(events: int = 2000) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kooperationsraum.settings_test")
    django.setup()
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    from governance.models import AuditVerb, Partner
    from governance.services.audit import audit_record
    from governance.services.audit_verification import audit_verify

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        with transaction.atomic():
            for i in range(events):
                Partner.objects.create(name=f"Bench {i}", slug=f"bench-{i}", kind="federal")
        plain = time.perf_counter() - start
        start = time.perf_counter()
        for i in range(events):
            with transaction.atomic():
                audit_record(verb=AuditVerb.ROLE_GRANTED, payload={"i": i})
        chained = time.perf_counter() - start
        start = time.perf_counter()
        report = audit_verify()
        checked = report.checked
        verify = time.perf_counter() - start
        print(f"database: {connection.vendor}")
        print(
            f"audit_record: {events / chained:,.0f} events/s (one transaction each); "
            f"plain insert: {events / plain:,.0f} rows/s; ratio {chained / plain:.1f}x"
        )
        print(
            f"audit_verify: {checked:,} events in {verify:.2f} s ({checked / verify:,.0f} events/s), intact={report.ok}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


SECTIONS = ("web", "notifications", "enqueue", "audit", "reports")


def run_section(name: str, smoke: bool) -> int:
    if name == "web":
        from bench import web

        return web.main(smoke=smoke)
    if name == "notifications":
        from bench import notify

        return notify.main(smoke=smoke)
    if name == "reports":
        from bench import reports

        return reports.main(smoke=smoke)
    if name == "enqueue":
        bench_frozen_redis()
    elif name == "audit":
        bench_audit(events=200 if smoke else 2000)
    return 0


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data, about a second per target (for CI)")
    parser.add_argument("--section", action="append", choices=SECTIONS, help="run only this section (repeatable)")
    args = parser.parse_args()
    sections = args.section or list(SECTIONS)
    if len(sections) == 1:
        return run_section(sections[0], args.smoke)
    failed = 0
    for name in sections:
        print(f"\n## {name}\n", flush=True)
        command = [sys.executable, "-m", "bench", "--section", name] + (["--smoke"] if args.smoke else [])
        failed |= subprocess.run(command, cwd=ROOT).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
