"""What the CIO sponsorship page tests share: URLs, flash messages, a request through the service."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from projects.models import Sponsorship, SponsorshipScope
from projects.services import sponsorships as services

TODAY = timezone.localdate()


INBOX = reverse("projects:sponsorship-list")


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def url(name: str, sponsorship, *args) -> str:
    return reverse(f"projects:sponsorship-{name}", args=[sponsorship.pk, *args])


def create_url(project) -> str:
    return reverse("projects:sponsorship-create", args=[project.slug])


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def fresh(sponsorship) -> Sponsorship:
    return Sponsorship.objects.get(pk=sponsorship.pk)


def make_request(project, land, secretariat, **extra) -> Sponsorship:
    data = {
        "scope": SponsorshipScope.BOTH,
        "term_start": TODAY,
        "term_end": None,
        "justification": "Das Land erprobt die Lösung bereits in zwei Kreisen.",
    }
    return services.sponsorship_request(project=project, land=land, actor=secretariat, **{**data, **extra})


NOT_SEEING = ["cio_he", "former_cio", "steering_member", "project_lead", "outsider"]
