"""The web benchmark: seed, start the portal as in production, drive it with wrk, print a table.

Two gunicorn servers (2 sync workers each) run the same code on the same database: one with the
anonymous page cache, one without it (`PAGE_CACHE_SECONDS=0`), so "uncached" and "warm cache"
figures come from one run. Only one load generator runs at a time; the idle server costs nothing.
Every target is driven for a few seconds per round, round after round, so that drift on a shared
machine hits all targets alike; requests/s are summed over the rounds, percentiles are the median
of the rounds' percentiles.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))
LUA = ROOT / "bench" / "report.lua"
CONNECTIONS = 8
SITE_URL = "https://kooperationsraum.bench.invalid"


@dataclass
class Target:
    name: str
    path: str
    cached: bool = False  # served by the server with the page cache on
    user: str = ""  # "secretariat" or "cio": logged in through a session cookie
    duration_factor: float = 1.0
    conditional: bool = False  # must answer If-None-Match with 304


@dataclass
class Result:
    name: str
    path: str
    requests_per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    queries: int | None = None
    queries_first: int | None = None
    share_of_floor: float = 0.0
    p95_vs_floor: float = 0.0
    conditional_304: bool | None = None
    single_request_s: float = 0.0  # one request alone, before the load
    first_after_change_ms: float = 0.0  # one request right after a catalogue change: nothing kept
    rounds: list = field(default_factory=list)


def targets(names: dict) -> list[Target]:
    slug = names["solution_slug"]
    return [
        Target("static file", "/static/css/site.css"),
        Target("floor", "/bench/floor/"),
        Target("start page", "/"),
        Target("catalogue", "/loesungen/"),
        Target("catalogue filtered", f"/loesungen/?themenfeld={names['themenfeld']}"),
        Target("catalogue page 50", "/loesungen/?page=50"),
        Target("search selective", "/loesungen/?q=Streuobstwiesenkataster"),
        Target("search frequent", "/loesungen/?q=Verwaltung"),
        Target("solution page", f"/loesungen/{slug}/"),
        Target("API list", "/api/v1/solutions/", conditional=True),
        Target("DCAT Turtle", "/dcat/catalog.ttl", duration_factor=3, conditional=True),
        Target("DCAT JSON-LD", "/dcat/catalog.jsonld", duration_factor=3, conditional=True),
        Target("Atom feed", "/loesungen/feed/", conditional=True),
        Target("portfolio (secretariat)", "/arbeitsbereich/", user="secretariat"),
        Target("sponsorship inbox (CIO)", "/arbeitsbereich/patenschaften/", user="cio"),
        Target("catalogue, warm cache", "/loesungen/", cached=True),
        Target("catalogue filtered, warm cache", f"/loesungen/?themenfeld={names['themenfeld']}", cached=True),
        Target("catalogue page 50, warm cache", "/loesungen/?page=50", cached=True),
        Target("solution page, warm cache", f"/loesungen/{slug}/", cached=True),
    ]


def selected(all_targets: list[Target]) -> list[Target]:
    """BENCH_TARGETS="catalogue;solution page, warm cache" runs only those targets (names as in the
    table, separated by semicolons), plus the floor that every share refers to; unset, all run."""
    wanted = {name.strip() for name in os.environ.get("BENCH_TARGETS", "").split(";") if name.strip()}
    if not wanted:
        return all_targets
    unknown = wanted - {t.name for t in all_targets}
    if unknown:
        raise SystemExit(f"BENCH_TARGETS names no target called {', '.join(sorted(unknown))}")
    return [t for t in all_targets if t.name in wanted or t.name == "floor"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(*, page_cache: bool) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        PAGE_CACHE_SECONDS=env.get("PAGE_CACHE_SECONDS", "600") if page_cache else "0",
        PYTHONUNBUFFERED="1",
    )
    return env


def configure_environment(var_dir: Path) -> None:
    """What production requires (DEBUG off): set here for this process and the servers."""
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("AUDIT_HMAC_KEY", secrets.token_urlsafe(48))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SITE_URL", SITE_URL)
    os.environ["VAR_DIR"] = str(var_dir)
    os.environ["DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"


class Server:
    def __init__(self, name: str, env: dict, log: Path):
        self.port = free_port()
        self.log = log
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(gunicorn), "kooperationsraum.wsgi", "--workers=2", "--worker-class=sync", "--timeout=120"]
                + [f"--bind=127.0.0.1:{self.port}", "--log-level=warning"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.name = name

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                request(self.base + "/bench/floor/")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn {self.name} did not start:\n{self.log.read_text()[-3000:]}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def request(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One GET; returns the status even for 3xx/4xx/5xx (no redirects followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        with opener.open(req, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def privileged_session(user) -> str:
    """A logged-in session made directly in the session store (no password check), counted as past
    the second factor as after a real login: both bench people are privileged."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from governance.middleware import SESSION_PRIVILEGED, session_mark_login

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench")
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session_mark_login(store)
    store[SESSION_PRIVILEGED] = True
    store.create()
    return store.session_key


def session_cookies(names: dict) -> dict[str, str]:
    """The cookies a signed-in browser sends: its session, and the CSRF cookie it was given."""
    from django.middleware.csrf import _get_new_csrf_string

    from governance.models import User

    return {
        role: f"sessionid={privileged_session(User.objects.get(pk=names[role]))}; csrftoken={_get_new_csrf_string()}"
        for role in ("secretariat", "cio")
    }


def count_queries(target: Target, names: dict) -> tuple[int, int]:
    """SQL queries of the first and of a repeated request, through Django's test client."""
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client
    from django.test.utils import override_settings

    from governance.models import User

    client = Client()
    if target.user:
        # The same session as under load: force_login alone would count the second factor's redirect.
        client.cookies["sessionid"] = privileged_session(User.objects.get(pk=names[target.user]))
        client.cookies["csrftoken"] = _get_new_csrf_string()  # as the browser holds it after its login
    counts = []

    def count(execute, sql, params, many, context):
        counts[-1] += 1
        return execute(sql, params, many, context)

    # Counted by an execute wrapper: CaptureQueriesContext loses a request's queries when the
    # request starts by clearing the log it slices.
    with override_settings(PAGE_CACHE_SECONDS=600 if target.cached else 0), connection.execute_wrapper(count):
        for _ in range(2):
            counts.append(0)
            response = client.get(target.path, secure=True)
            if getattr(response, "streaming", False):
                for _chunk in response.streaming_content:
                    pass
    return counts[0], counts[1]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def dcat_memory(path: str) -> tuple[float, float, int]:
    """Seconds, growth of this process's resident memory (MB, sampled per chunk) and bytes of one
    whole DCAT export, read through Django's test client in this process."""
    from django.test import Client

    client = Client()
    before = peak = _rss_mb()
    start = time.perf_counter()
    response = client.get(path, secure=True)
    size = 0
    chunks = response.streaming_content if getattr(response, "streaming", False) else [response.content]
    for number, chunk in enumerate(chunks):
        size += len(chunk)
        if number % 200 == 0:
            peak = max(peak, _rss_mb())
    seconds = time.perf_counter() - start
    return seconds, max(peak, _rss_mb()) - before, size


def wrk(url: str, seconds: float, headers: dict) -> dict:
    command = ["wrk", f"-c{CONNECTIONS}", "-t2", f"-d{max(1, round(seconds))}s", "--timeout=60s", "-s", str(LUA)]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 120, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("{"))
    return json.loads(line)


def conditional(url: str, headers: dict) -> bool:
    status, response_headers, _body = request(url, headers)
    etag = response_headers.get("ETag")
    modified = response_headers.get("Last-Modified")
    if status != 200 or not (etag or modified):
        return False
    again = dict(headers)
    if etag:
        again["If-None-Match"] = etag
    if modified:
        again["If-Modified-Since"] = modified
    return request(url, again)[0] == 304


def run(*, scale: float, seconds: float, rounds: int, max_seconds: float, var_dir: Path) -> list[Result]:
    import django

    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    configure_environment(var_dir)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench.seed import seed
    from transfer.caching import bump_catalogue_version

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise SystemExit("The web benchmark needs PostgreSQL: set DATABASE_URL.")
    started = time.perf_counter()
    names = seed(scale=scale)
    print(
        f"data set: {names['solutions']:,} solutions, {names['projects']:,} projects, "
        f"{names['adoptions']:,} adoptions (ready after {time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    call_command("collectstatic", verbosity=0, interactive=False)
    bump_catalogue_version()  # the seed wrote in bulk, past the signals; nothing else is flushed
    cookies = session_cookies(names)
    all_targets = selected(targets(names))

    results = {t.name: Result(t.name, t.path) for t in all_targets}
    for target in all_targets:
        results[target.name].queries_first, results[target.name].queries = count_queries(target, names)
    for target in [t for t in all_targets if t.name in ("DCAT Turtle", "DCAT JSON-LD")]:
        name = target.name
        dcat_seconds, peak, size = dcat_memory(target.path)
        print(
            f"{name}: whole catalogue in {dcat_seconds:.2f} s in process, {size / 2**20:.1f} MB, "
            f"resident memory grew by {peak:.1f} MB",
            flush=True,
        )
    django.db.connections.close_all()

    logs = var_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers = {
        False: Server("uncached", server_env(page_cache=False), logs / "gunicorn-uncached.log"),
        True: Server("cached", server_env(page_cache=True), logs / "gunicorn-cached.log"),
    }
    try:
        for server in servers.values():
            server.wait_ready()
        headers_for = {}
        single: dict[str, float] = {}
        for target in all_targets:
            headers = {"Accept-Language": "de", "X-Forwarded-Proto": "https"}
            if target.user:
                headers["Cookie"] = cookies[target.user]
            headers_for[target.name] = headers
            url = servers[target.cached].base + target.path
            # The first request after a change finds nothing kept (the servers hear of the new
            # version through Redis within milliseconds); the second is the warm one.
            bump_catalogue_version()
            time.sleep(0.05)
            began = time.perf_counter()
            status, _h, _b = request(url, headers)  # warms the cache; a wrong answer is an error
            results[target.name].first_after_change_ms = (time.perf_counter() - began) * 1000
            began = time.perf_counter()
            request(url, headers)
            single[target.name] = results[target.name].single_request_s = time.perf_counter() - began
            if status != 200:
                results[target.name].errors += 1
                print(f"  {target.name}: HTTP {status} before the load", flush=True)
            if target.conditional:
                results[target.name].conditional_304 = conditional(url, headers)
        for round_number in range(rounds):
            for target in all_targets:
                url = servers[target.cached].base + target.path
                # Long enough for about a dozen requests per connection pair even on a busy machine
                # (wrk counts only requests that complete within its duration), capped.
                duration = min(max_seconds, max(seconds * target.duration_factor, 12 * single[target.name]))
                results[target.name].rounds.append(wrk(url, duration, headers_for[target.name]))
            print(f"round {round_number + 1}/{rounds} done", flush=True)
    finally:
        for server in servers.values():
            server.stop()
    return summarise(list(results.values()))


def summarise(results: list[Result]) -> list[Result]:
    for result in results:
        rounds = result.rounds
        total = sum(r["requests"] for r in rounds)
        duration = sum(r["duration_us"] for r in rounds) / 1e6
        result.requests_per_s = total / duration if duration else 0.0
        measured = [r for r in rounds if r["requests"]] or rounds
        result.p50_ms = statistics.median(r["p50"] for r in measured) / 1000
        result.p95_ms = statistics.median(r["p95"] for r in measured) / 1000
        result.p99_ms = statistics.median(r["p99"] for r in measured) / 1000
        result.errors += sum(r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"] for r in rounds)
    floor = next(r for r in results if r.name == "floor")
    for result in results:
        result.share_of_floor = result.requests_per_s / floor.requests_per_s if floor.requests_per_s else 0.0
        result.p95_vs_floor = result.p95_ms / floor.p95_ms if floor.p95_ms else 0.0
    return results


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        return head + ("-dirty" if dirty.strip() else "")
    except OSError:
        return "unknown"


def table(results: list[Result]) -> str:
    lines = [
        "| target | requests/s | share of the floor | p50 ms | p95 ms | p99 ms | p95 / floor p95 | errors "
        "| SQL queries | 304 | first after a change ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in results:
        queries = (
            ""
            if r.queries is None
            else f"{r.queries}" + (f" (first {r.queries_first})" if r.queries_first != r.queries else "")
        )
        not_modified = {None: "", True: "yes", False: "no"}[r.conditional_304]
        lines.append(
            f"| {r.name} | {r.requests_per_s:,.0f} | {r.share_of_floor:.0%} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
            f"{r.p99_ms:.1f} | {r.p95_vs_floor:.1f}× | {r.errors} | {queries} | {not_modified} | "
            f"{r.first_after_change_ms:,.0f} |"
        )
    return "\n".join(lines)


def main(*, smoke: bool) -> int:
    # Seconds per target and round: at least `seconds`, longer for slow targets, at most `max_seconds`.
    scale, seconds, rounds, max_seconds = (0.01, 1, 1, 2) if smoke else (1.0, 2, 3, 15)
    var_dir = Path(os.environ.get("BENCH_VAR_DIR", ROOT / "var" / "bench"))
    results = run(scale=scale, seconds=seconds, rounds=rounds, max_seconds=max_seconds, var_dir=var_dir)
    print(table(results))
    payload = {"commit": commit(), "scale": scale, "connections": CONNECTIONS, "targets": [asdict(r) for r in results]}
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {RESULTS}")
    return 0
