"""The one loader of the demo data: YAML files in `demo/`, read by each app's `demo.seed()`.

The data is plain YAML with readable keys (see the comment at the top of each file); the apps turn
it into rows through their services, so the demo shows a legal history and fills the audit trail.
"""

from functools import cache
from typing import Any

import yaml
from django.conf import settings

DEMO_DIR = settings.BASE_DIR / "demo"


@cache
def demo_data(name: str) -> dict[str, Any]:
    """The contents of `demo/<name>.yaml` (read once per process)."""
    with (DEMO_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
