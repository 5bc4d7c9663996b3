"""Notification delivery through a real broker: N notifications (10,000; 200 in the smoke run)
enqueued by the outbox service to a private redis-server, delivered by a real Celery worker (two
prefork processes) to an SMTP sink in this process. Reports throughput and checks that every
notification arrived exactly once (by its Message-ID): zero lost, zero duplicated.

Modelled on tests/backing_services/conftest.py: everything started here is stopped here, the machine's
own Redis is never used, the worker runs in its own process group.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_NOTIFY_RESULTS", ROOT / "bench" / "results-notifications.json"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """Counts received messages by Message-ID."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.counts: Counter = Counter()
        self.lock = threading.Lock()
        self.last_at = 0.0
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                content = envelope.original_content or envelope.content
                for line in content.split(b"\r\n"):
                    if line.lower().startswith(b"message-id:"):
                        with sink.lock:
                            sink.counts[line.split(b":", 1)[1].strip().decode()] += 1
                            sink.last_at = time.monotonic()
                        break
                    if not line:
                        break
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def total(self) -> int:
        with self.lock:
            return sum(self.counts.values())

    def stop(self) -> None:
        self.controller.stop()


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    import redis

    port = free_port()
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            if redis.Redis(port=port, socket_timeout=1).ping():
                return process, f"redis://127.0.0.1:{port}/0"
        except redis.RedisError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)


def main(*, smoke: bool) -> int:
    count = 100 if smoke else 10_000
    workdir = Path(tempfile.mkdtemp(prefix="bench-notify-"))
    redis_process, redis_url = start_redis(workdir)
    sink = Sink()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kooperationsraum.settings",
        DEBUG="1",
        REDIS_URL=redis_url,
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        VAR_DIR=str(workdir),
    )
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("The notification benchmark needs PostgreSQL: set DATABASE_URL.")
    worker = None
    try:
        import django

        django.setup()
        import logging

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command lines
        from django.core.management import call_command

        from bench.seed import MARKER_SLUG, _existing_seed
        from governance.models import Notification, NotificationKind, NotificationState, Partner, PartnerKind, User
        from governance.services.notifications import notification_enqueue

        call_command("migrate", verbosity=0, interactive=False)
        if _existing_seed() is None:  # an empty database: mark it as the benchmark's
            Partner.objects.get_or_create(slug=MARKER_SLUG, defaults={"name": "Benchmark", "kind": PartnerKind.FEDERAL})
        person, _ = User.objects.get_or_create(
            email="benachrichtigung@bench.invalid", defaults={"first_name": "Ben", "last_name": "Achrichtigung"}
        )
        Notification.objects.filter(recipient=person).delete()
        created = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=person,
                    kind=NotificationKind.ACCOUNT,
                    subject_de=f"Patenschaft angefragt ({i})",
                    subject_en=f"Sponsorship requested ({i})",
                    body_de="Eine Patenschaft wurde angefragt.",
                    body_en="A sponsorship was requested.",
                    link="/arbeitsbereich/patenschaften/",
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        ids = [n.pk for n in created]
        env = {key: value for key, value in os.environ.items() if not key.startswith("CELERY_")}
        log = workdir / "worker.log"
        with log.open("ab") as out:
            worker = subprocess.Popen(
                [str(Path(sys.executable).with_name("celery")), "-A", "kooperationsraum", "worker", "--pool=prefork"]
                + ["--concurrency=2", "--loglevel=INFO", "--without-gossip", "--without-mingle"]
                + ["--without-heartbeat", "-Q", "celery", "-n", "bench@%h"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        ready_by = time.monotonic() + 120
        while b" ready." not in log.read_bytes():
            if worker.poll() is not None or time.monotonic() > ready_by:
                raise RuntimeError(f"worker not ready:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        from kooperationsraum import celery_app

        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = redis_url
        start = time.monotonic()
        enqueued = sum(notification_enqueue(notification_id=pk, pause_after_failure=False) for pk in ids)
        enqueue_seconds = time.monotonic() - start
        deadline = time.monotonic() + (120 if smoke else 900)
        while sink.total() < count and time.monotonic() < deadline:
            if worker.poll() is not None:
                raise RuntimeError(f"worker exited:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        time.sleep(2)  # late duplicates would arrive now
        seconds = (sink.last_at or time.monotonic()) - start
        sent = Notification.objects.filter(pk__in=ids, state=NotificationState.SENT).count()
        received = sink.counts
        lost = count - len(received)
        duplicated = sum(n - 1 for n in received.values() if n > 1)
        result = {
            "notifications": count,
            "enqueued": enqueued,
            "enqueue_per_s": round(count / enqueue_seconds, 1),
            "delivered_per_s": round(len(received) / seconds, 1) if seconds > 0 else 0,
            "seconds": round(seconds, 2),
            "marked_sent": sent,
            "lost": lost,
            "duplicated": duplicated,
            "worker_concurrency": 2,
        }
        print("| notifications | enqueue/s | delivered/s | seconds | marked sent | lost | duplicated |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(
            f"| {count:,} | {result['enqueue_per_s']:,.0f} | {result['delivered_per_s']:,.0f} | {seconds:.1f} | "
            f"{sent:,} | {lost} | {duplicated} |"
        )
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")
        Notification.objects.filter(recipient=person).delete()
        return 0 if lost == 0 and duplicated == 0 else 1
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        sink.stop()
        redis_process.terminate()
        redis_process.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)
