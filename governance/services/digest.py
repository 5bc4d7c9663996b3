"""The daily digest: one e-mail per person with every notification they asked to have collected."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance.models import Delivery, Notification, NotificationState, User
from governance.services.notifications import notification_attachments


def _unique_name(name: str, taken: set[str]) -> str:
    """einladung.ics, einladung-2.ics, ...: mail programs save attachments by their names."""
    stem, dot, suffix = name.rpartition(".")
    stem, dot, suffix = (stem, dot, suffix) if stem else (name, "", "")
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{suffix}"
    taken.add(candidate)
    return candidate


def digest_attachments(notifications: list[Notification]) -> list[tuple[str, str | bytes, str]]:
    """Every file the collected notifications carry, each once (a report announced twice is one
    file), under names that do not collide (two invitations are two files)."""
    seen, taken, files = set(), set(), []
    for notification in notifications:
        for name, content, mimetype in notification_attachments(notification):
            if (name, content) in seen:
                continue
            seen.add((name, content))
            files.append((_unique_name(name, taken), content, mimetype))
    return files


def _digest_email(person, notifications: list[Notification]) -> EmailMultiAlternatives:
    language = person.preferred_language
    site = settings.SITE_URL.rstrip("/")
    items = [
        {"subject": n.subject_in(language), "body": n.body_in(language), "link": f"{site}{n.link}" if n.link else ""}
        for n in notifications
    ]
    with translation.override(language):
        subject = _("Ihre Benachrichtigungen aus dem Kooperationsraum (%(count)d)") % {"count": len(items)}
        context = {"items": items, "recipient": person, "centre": f"{site}/benachrichtigungen/"}
        text = render_to_string("notifications/digest.txt", context)
        html = render_to_string("notifications/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[person.email], headers={"Auto-Submitted": "auto-generated"}
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in digest_attachments(notifications):
        message.attach(name, content, mimetype)
    return message


def digest_send(*, person) -> int:
    """Send one person's digest. The rows stay locked while the mail goes out, so a second
    digest run at the same time skips them instead of sending them twice."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient=person, delivery=Delivery.DAILY_DIGEST, state=NotificationState.PENDING)
            .order_by("created_at")
        )
        if not pending:
            return 0
        _digest_email(person, pending).send()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            state=NotificationState.SENT, sent_at=timezone.now(), attempts=1
        )
    return len(pending)


def digest_send_all() -> int:
    people = User.objects.filter(
        notifications__delivery=Delivery.DAILY_DIGEST,
        notifications__state=NotificationState.PENDING,
    ).distinct()
    return sum(digest_send(person=person) for person in people)
