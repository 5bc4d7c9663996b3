"""`make bench` in smoke mode (tiny data, a second per target), so the harness cannot rot. Its
figures are not asserted: only that every section runs, every target answers without errors and
the results file has one object per target."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_service

pytestmark = pytest.mark.backing_services
ROOT = Path(__file__).resolve().parent.parent


def _smoke_database_url() -> str:
    """A database of the benchmark's own beside DATABASE_URL's (the harness refuses any other)."""
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    require_service(url.startswith(("postgres://", "postgresql://")), "PostgreSQL (set DATABASE_URL)")
    base, name = url.rsplit("/", 1)
    name = f"{name.split('?')[0]}_bench_smoke"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def test_bench_smoke(tmp_path):
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (set REDIS_URL)")
    require_service(shutil.which("wrk") is not None, "wrk (apt-get install wrk)")
    env = {
        **os.environ,
        "DATABASE_URL": _smoke_database_url(),
        "BENCH_VAR_DIR": str(tmp_path / "var"),
        "BENCH_RESULTS": str(tmp_path / "results.json"),
        "BENCH_NOTIFY_RESULTS": str(tmp_path / "notifications.json"),
    }
    command = [sys.executable, "-m", "bench", "--smoke"]
    command += ["--section", "web", "--section", "notifications", "--section", "reports"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads((tmp_path / "results.json").read_text())
    names = {target["name"] for target in results["targets"]}
    assert {"floor", "catalogue", "DCAT Turtle", "sponsorship inbox (CIO)"} <= names
    assert all(target["errors"] == 0 for target in results["targets"]), done.stdout
    web = [target for target in results["targets"] if not target["name"].startswith("report: ")]
    assert all(target["first_after_change_ms"] > 0 for target in web)
    assert "| target | requests/s |" in done.stdout
    assert {"report: monthly status pack", "report: weekly brief"} <= names  # merged beside the web targets
    assert "| report | projects | seconds (best) |" in done.stdout
    notifications = json.loads((tmp_path / "notifications.json").read_text())
    assert notifications["lost"] == 0
    assert notifications["duplicated"] == 0
