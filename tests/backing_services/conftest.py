"""Real services for the outbox tests: PostgreSQL, a private Redis, an SMTP sink, Celery workers.

Everything here is started by the test and stopped at teardown, bounded in time: the machine's
own Redis (6379) is never touched, each worker runs in its own process group so that a kill takes
its pool children with it, and a failing test shows the tail of every worker's log.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from tests.backing_services.smtp_sink import SmtpSink, free_port
from tests.conftest import require_service

REPO = Path(__file__).resolve().parents[2]
CELERY = REPO / ".venv" / "bin" / "celery"
if not CELERY.exists():  # a venv somewhere else: the celery next to the running interpreter
    CELERY = Path(sys.executable).with_name("celery")

# Short timings for the worker (environment) and for the in-process sweep (settings).
CLAIM_LEASE = 3
SWEEP_AFTER = 1
RETRY_BASE = 1
VISIBILITY_TIMEOUT = 5
SITE_URL = "https://kooperationsraum.test"

WORKER_READY_TIMEOUT = 60

_WORKERS = pytest.StashKey[list]()


def wait_for(predicate, timeout: float = 30, interval: float = 0.1, message: str = ""):
    """Poll until `predicate()` is truthy and return its value; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message or predicate}")
        time.sleep(interval)


def tail(path: Path, lines: int = 80) -> str:
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the tail of each worker's log to a failed test's report."""
    report = yield
    if report.failed:
        for worker in item.stash.get(_WORKERS, []):
            report.sections.append((f"worker {worker.name} log (tail)", tail(worker.log_path)))
    return report


# --- PostgreSQL --------------------------------------------------------------------------------


def database_url(settings_dict) -> str:
    """The URL of the database this test runs against (the test database), for the worker."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or "localhost"
    host = quote(host, safe="") if host.startswith("/") else host
    port = settings_dict.get("PORT") or 5432
    url = f"postgres://{auth}@{host}:{port}/{quote(settings_dict['NAME'], safe='')}"
    options = {k: v for k, v in (settings_dict.get("OPTIONS") or {}).items() if isinstance(v, (str, int))}
    return f"{url}?{urlencode(options)}" if options else url


@pytest.fixture
def services_db(transactional_db, settings):
    """Committed rows in PostgreSQL (the worker is another process), short outbox timings."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    settings.NOTIFICATION_SWEEP_AFTER = SWEEP_AFTER
    settings.NOTIFICATION_CLAIM_LEASE = CLAIM_LEASE
    settings.NOTIFICATION_RETRY_BASE = RETRY_BASE
    return database_url(connection.settings_dict)


# --- Redis -------------------------------------------------------------------------------------


class RedisServer:
    """A private redis-server on a free port; can be stopped and started again on that port."""

    def __init__(self, binary: str, workdir: Path):
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = workdir / "redis.log"
        self.process: subprocess.Popen | None = None
        self.frozen = False

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def _answers(self) -> bool:
        try:
            with self.client() as client:
                return bool(client.ping())
        except Exception:
            return False

    def start(self, timeout: float = 15) -> None:
        assert self.process is None, "redis-server is already running"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                    "--dir",
                    str(self.workdir),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited:\n{tail(self.log_path)}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not answer PING:\n{tail(self.log_path)}")
            time.sleep(0.05)

    def stop(self, timeout: float = 10) -> None:
        if self.process is None:
            return
        self.thaw()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.process = None

    def freeze(self) -> None:
        """The server keeps its port but stops answering (a hung broker)."""
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen and self.process is not None:
            os.kill(self.process.pid, signal.SIGCONT)
        self.frozen = False

    # What the broker still holds: the Celery queue and kombu's unacknowledged messages.
    def queued(self) -> int:
        with self.client() as client:
            return client.llen("celery")

    def unacked(self) -> dict[str, float]:
        """Delivery tag → time the message was handed to a worker."""
        with self.client() as client:
            return {tag.decode(): score for tag, score in client.zrange("unacked_index", 0, -1, withscores=True)}


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    require_service(Path(binary).exists(), "redis-server")
    workdir = tmp_path / "redis"
    workdir.mkdir()
    server = RedisServer(binary, workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- SMTP sink (tests/backing_services/smtp_sink.py) -------------------------------------------


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()


# --- Celery ------------------------------------------------------------------------------------


def _reset_publishing_pools(app) -> None:
    """Close the app's broker pools and forget them (also in kombu's global registry, where a
    closed pool would otherwise be handed out again for the same URL)."""
    from kombu import pools as kombu_pools

    amqp = app.__dict__.get("amqp")
    ours = [pool for pool in (app._pool, amqp._producer_pool if amqp else None) if pool is not None]
    for pool in ours:
        pool.force_close_all()
    for group in (kombu_pools.producers, kombu_pools.connections):
        for key, pool in list(group.items()):
            if any(pool is own for own in ours):
                dict.__delitem__(group, key)
    app._pool = None
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def celery_publisher(redis_server, monkeypatch):
    """This process publishes to the test Redis (not eager), as the web process does."""
    from kooperationsraum import celery_app

    for name in ("CELERY_BROKER_URL", "CELERY_BROKER_WRITE_URL", "CELERY_BROKER_READ_URL"):
        monkeypatch.delenv(name, raising=False)
    conf = celery_app.conf
    keys = ("task_always_eager", "broker_url", "broker_transport_options")
    saved = {key: conf[key] for key in keys}
    _reset_publishing_pools(celery_app)
    conf.task_always_eager = False
    conf.broker_url = redis_server.url
    conf.broker_transport_options = {
        **(saved["broker_transport_options"] or {}),
        "visibility_timeout": VISIBILITY_TIMEOUT,
    }
    try:
        yield celery_app
    finally:
        _reset_publishing_pools(celery_app)
        conf.update(saved)


class Worker:
    """One `celery worker` process group (main process plus its prefork child)."""

    def __init__(self, name: str, env: dict, log_path: Path):
        self.name = name
        self.log_path = log_path
        with log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(CELERY),
                    "-A",
                    "kooperationsraum",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-Q",
                    "celery",
                    "-n",
                    f"{name}@%h",
                ],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.started = time.monotonic()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = WORKER_READY_TIMEOUT) -> float:
        deadline = time.monotonic() + timeout
        while " ready." not in self.log():
            if self.process.poll() is not None:
                raise RuntimeError(f"worker {self.name} exited:\n{tail(self.log_path)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"worker {self.name} not ready in {timeout}s:\n{tail(self.log_path)}")
            time.sleep(0.1)
        return time.monotonic() - self.started

    def _signal_group(self, signum) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL to the whole process group: no warm shutdown, no acknowledgement."""
        self._signal_group(signal.SIGKILL)
        self.process.wait(10)

    def terminate(self, timeout: float = 20) -> None:
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)  # warm shutdown
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout)
        self._signal_group(signal.SIGKILL)  # and whatever is left of the group
        if self.process.poll() is None:
            self.process.wait(10)


@pytest.fixture
def celery_worker(services_db, redis_server, smtp_sink, tmp_path, request):
    """Factory: start a worker against the test database, Redis and SMTP sink; waits until
    it is ready. All workers are stopped at teardown."""
    workers: list[Worker] = []
    request.node.stash[_WORKERS] = workers
    env = {key: value for key, value in os.environ.items() if not key.startswith("CELERY_")}
    env.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="kooperationsraum.settings",
        DATABASE_URL=services_db,
        REDIS_URL=redis_server.url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_sink.port}",
        SITE_URL=SITE_URL,
        NOTIFICATION_CLAIM_LEASE=str(CLAIM_LEASE),
        NOTIFICATION_SWEEP_AFTER=str(SWEEP_AFTER),
        NOTIFICATION_RETRY_BASE=str(RETRY_BASE),
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        PYTHONUNBUFFERED="1",
    )

    def start(name: str | None = None) -> Worker:
        name = name or f"w{len(workers) + 1}"
        worker = Worker(name, env, tmp_path / f"worker-{name}.log")
        workers.append(worker)
        seconds = worker.wait_ready()
        print(f"worker {name} ready after {seconds:.1f}s")
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.terminate()
