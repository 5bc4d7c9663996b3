"""What the solution workspace tests share: URLs, drafts, a ready draft and a reuse request."""

from django.urls import reverse
from django.utils import timezone

from tests.factories import InquiryFactory, ServiceCoverageFactory, SolutionFactory
from transfer.models import Inquiry, InquiryState, Solution, SolutionState

MISSING = 999_999


def url(name: str, *args) -> str:
    return reverse(f"transfer:{name}", args=args)


def make_inquiry(solution, state=InquiryState.CONFIRMED, administration="Stadt Musterhausen") -> Inquiry:
    return InquiryFactory(
        solution=solution,
        administration=administration,
        contact_name="Erika Beispiel",
        contact_email="erika.beispiel@example.org",
        message="Wir möchten die Lösung nachnutzen.",
        state=state,
        confirmed_at=timezone.now() if state != InquiryState.UNCONFIRMED else None,
    )


def draft(**kwargs) -> Solution:
    """A draft that is not transfer-ready: no OZG service, no operating model."""
    return SolutionFactory(state=SolutionState.DRAFT, published_at=None, operating_model="", **kwargs)


def ready_draft() -> Solution:
    solution = SolutionFactory(state=SolutionState.DRAFT, published_at=None)
    ServiceCoverageFactory(solution=solution)
    return solution
