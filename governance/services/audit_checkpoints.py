"""Checkpoints: the audit chain's head, signed and published outside the database.

A checkpoint is a small JSON file (sequence number, head hash, time, HMAC signature with a key
derived from AUDIT_HMAC_KEY) in AUDIT_CHECKPOINT_DIR, and the same figures mailed to the steering
circle. Someone who can rewrite the database can neither reach the file store nor the mailboxes,
so deleting the newest events, restoring an older dump or truncating the table shows up against
the last checkpoint (`audit_verify`).
"""

import hmac
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import NotificationKind, Role, RoleAssignment, User
from governance.models.audit import keyed_digest
from governance.services.audit import audit_head
from governance.services.notifications import in_both_languages, notification_create

FORMAT = "kooperationsraum-audit-checkpoint/1"
SIGNATURE_PURPOSE = "checkpoint"


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    head_hash: str
    created_at: datetime
    signature: str
    name: str = ""

    def signed_content(self) -> dict:
        return {
            "format": FORMAT,
            "sequence": self.sequence,
            "head_hash": self.head_hash,
            "created_at": self.created_at.isoformat(),
        }

    def expected_signature(self) -> str:
        return keyed_digest(self.signed_content(), purpose=SIGNATURE_PURPOSE)

    @property
    def valid(self) -> bool:
        return hmac.compare_digest(self.expected_signature(), self.signature)


def _directory() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def checkpoint_write(*, now: datetime | None = None) -> Checkpoint:
    """Sign the current head and store it as a new file (written whole, then renamed)."""
    sequence, head = audit_head()
    created_at = (now or timezone.now()).astimezone(UTC).replace(microsecond=0)
    unsigned = Checkpoint(sequence=sequence, head_hash=head, created_at=created_at, signature="")
    checkpoint = Checkpoint(
        sequence=sequence,
        head_hash=head,
        created_at=created_at,
        signature=unsigned.expected_signature(),
        name=f"checkpoint-{created_at:%Y%m%dT%H%M%SZ}-{sequence:012d}.json",
    )
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True)
    document = {**checkpoint.signed_content(), "signature": checkpoint.signature}
    with tempfile.NamedTemporaryFile("w", dir=directory, suffix=".tmp", delete=False, encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(handle.name, directory / checkpoint.name)
    return checkpoint


def _read(path: Path) -> Checkpoint | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Checkpoint(
            sequence=int(data["sequence"]),
            head_hash=str(data["head_hash"]),
            created_at=datetime.fromisoformat(data["created_at"]),
            signature=str(data["signature"]),
            name=path.name,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def checkpoint_list() -> tuple[list[Checkpoint], list[str]]:
    """(valid checkpoints, oldest first; names of files that are unreadable or wrongly signed)."""
    directory = _directory()
    if not directory.is_dir():
        return [], []
    valid, invalid = [], []
    for path in sorted(directory.glob("checkpoint-*.json")):
        checkpoint = _read(path)
        if checkpoint is not None and checkpoint.valid:
            valid.append(checkpoint)
        else:
            invalid.append(path.name)
    valid.sort(key=lambda checkpoint: (checkpoint.created_at, checkpoint.sequence))
    return valid, invalid


def steering_recipients():
    """Everyone who holds a steering seat or its deputy today."""
    people = RoleAssignment.objects.current().filter(role__in=[Role.STEERING_MEMBER, Role.STEERING_DEPUTY])
    return User.objects.filter(is_active=True, pk__in=people.values("person_id")).order_by("pk")


@transaction.atomic
def checkpoint_publish(*, now: datetime | None = None) -> Checkpoint:
    """Write the checkpoint file and mail its figures to the steering circle (through the outbox)."""
    checkpoint = checkpoint_write(now=now)
    figures = {
        "sequence": checkpoint.sequence,
        "head": checkpoint.head_hash,
        "time": checkpoint.created_at.isoformat(),
        "signature": checkpoint.signature,
    }
    subject = in_both_languages(
        lambda: _("Prüfpunkt des Protokolls: Eintrag Nr. %(sequence)s") % {"sequence": checkpoint.sequence}
    )
    body = in_both_languages(
        lambda: (
            _(
                "Der Kooperationsraum veröffentlicht täglich den Stand seines Protokolls (Audit-Trail). "
                "Bitte bewahren Sie diese Nachricht auf: Mit ihr lässt sich später nachweisen, dass keine "
                "Einträge entfernt oder verändert wurden.\n\n"
                "Letzter Eintrag: Nr. %(sequence)s\nHash: %(head)s\nZeitpunkt (UTC): %(time)s\n"
                "Signatur: %(signature)s"
            )
            % figures
        )
    )
    for person in steering_recipients():
        notification_create(recipient=person, kind=NotificationKind.REPORT, subject=subject, body=body)
    return checkpoint
