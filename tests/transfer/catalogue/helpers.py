"""What the public catalogue tests share: the list's address, reading a page, search refresh, bulk rows."""

import re

from django.utils import timezone

from transfer import services
from transfer.models import Licence, Solution, SolutionState

LIST = "/loesungen/"


def titles(response) -> list[str]:
    """The solution titles listed on a catalogue page, in order."""
    return re.findall(r'<h3 id="loesung-\d+"><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def status_text(response) -> str:
    heading = r'<h2 id="results-title" class="result-count" tabindex="-1">(.*?)</h2>'
    match = re.search(heading, response.content.decode(), re.S)
    assert match, "the result count must be the results heading (the focus goes there after a search)"
    return " ".join(match.group(1).split())


def refresh(*solutions: Solution) -> None:
    services.search_vector_refresh(solution_ids=[s.pk for s in solutions])


def bulk_solutions(count: int, prefix: str = "Lösung") -> list[Solution]:
    now = timezone.now()
    return Solution.objects.bulk_create(
        [
            Solution(
                title=f"{prefix} {n:05d}",
                slug=f"{prefix.lower()}-{n}",
                short_description="Kurz.",
                problem="Problem.",
                target_group="Kommunen",
                licence=Licence.EUPL_12,
                state=SolutionState.PUBLISHED,
                published_at=now,
                contact_label="Geschäftsstelle",
                contact_email="transfer@kooperationsraum.example.org",
            )
            for n in range(count)
        ]
    )
