"""Verifying the audit chain: walk every event, then hold the chain against the signed checkpoints.

It sits above `audit` and `audit_checkpoints` (both of which it reads), so neither imports it back.
"""

import hmac
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from governance.models import GENESIS_HASH, AuditEvent, ChainVersion
from governance.models.audit import link_hash
from governance.services.audit_checkpoints import checkpoint_list


@dataclass(frozen=True)
class AuditProblem:
    kind: str  # hash, previous_hash, gap, version, client, unsealed, checkpoint_*
    message: str
    sequence: int | None = None
    event_id: int | None = None


@dataclass
class AuditReport:
    checked: int = 0
    last_sequence: int = 0
    problems: list[AuditProblem] = field(default_factory=list)
    checkpoint: Any = None  # the newest valid checkpoint, if any
    events_since_checkpoint: int | None = None
    checkpoint_age: Any = None  # timedelta

    @property
    def ok(self) -> bool:
        return not self.problems

    def kinds(self) -> list[str]:
        return [problem.kind for problem in self.problems]


def _walk(report: AuditReport, wanted: set[int]) -> dict[int, str]:
    """Check every link and every number; collect the hashes of the sequence numbers in `wanted`
    (those checkpoints name). Goes on after a break, so each break is reported once."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    keyed_seen = False
    found: dict[int, str] = {}
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        where = {"sequence": event.sequence, "event_id": event.pk}
        if event.sequence > expected_sequence:
            missing = event.sequence - expected_sequence
            report.problems.append(
                AuditProblem(
                    "gap",
                    f"Lücke: {missing} Einträge fehlen (Nr. {expected_sequence} bis {event.sequence - 1}).",
                    **where,
                )
            )
        if event.chain_version == ChainVersion.SHA256 and keyed_seen:
            report.problems.append(
                AuditProblem("version", "Eintrag ohne Schlüssel nach der Umstellung auf HMAC (eingeschoben).", **where)
            )
        keyed_seen = keyed_seen or event.chain_version == ChainVersion.HMAC
        if event.previous_hash != expected_previous:
            report.problems.append(
                AuditProblem(
                    "previous_hash",
                    "Verweist nicht auf den Eintrag davor (Eintrag davor gelöscht, verändert oder eingeschoben).",
                    **where,
                )
            )
        if not hmac.compare_digest(link_hash(event.values()), event.hash):
            report.problems.append(AuditProblem("hash", "Inhalt passt nicht zu seinem Hash (verändert).", **where))
        if not event.client_details_intact():
            report.problems.append(
                AuditProblem("client", "IP-Adresse oder Browser passen nicht zum Hash (verändert).", **where)
            )
        if event.sequence in wanted:
            found[event.sequence] = event.hash
        expected_previous = event.hash
        expected_sequence = event.sequence + 1
        report.checked += 1
        report.last_sequence = event.sequence
    if report.checked and not keyed_seen:
        report.problems.append(
            AuditProblem("unsealed", "Die Kette endet ohne Eintrag mit Schlüssel (HMAC): sie ist nicht versiegelt.")
        )
    return found


def audit_verify(*, now: datetime | None = None) -> AuditReport:
    """Walk the whole chain, then hold it against every valid checkpoint: events a checkpoint
    covered must still be there, unchanged (truncation and rollback show up here)."""
    report = AuditReport()
    checkpoints, invalid = checkpoint_list()
    for name in invalid:
        report.problems.append(AuditProblem("checkpoint_signature", f"Prüfpunkt {name}: Signatur ungültig."))
    found = _walk(report, {checkpoint.sequence for checkpoint in checkpoints})
    for checkpoint in checkpoints:
        if checkpoint.sequence == 0:
            continue
        when = timezone.localtime(checkpoint.created_at).strftime("%d.%m.%Y %H:%M")
        if checkpoint.sequence not in found:
            report.problems.append(
                AuditProblem(
                    "checkpoint_missing",
                    f"Der Prüfpunkt vom {when} deckt Einträge bis Nr. {checkpoint.sequence} ab, die Kette endet "
                    f"bei Nr. {report.last_sequence}: Einträge fehlen (gekürzt, geleert oder zurückgesetzt).",
                    sequence=checkpoint.sequence,
                )
            )
        elif not hmac.compare_digest(found[checkpoint.sequence], checkpoint.head_hash):
            report.problems.append(
                AuditProblem(
                    "checkpoint_mismatch",
                    f"Eintrag Nr. {checkpoint.sequence} hat nicht mehr den Hash, den der Prüfpunkt vom {when} "
                    "festhält (Kette neu geschrieben).",
                    sequence=checkpoint.sequence,
                )
            )
    if checkpoints:
        newest = checkpoints[-1]
        report.checkpoint = newest
        report.events_since_checkpoint = report.last_sequence - newest.sequence
        report.checkpoint_age = (now or timezone.now()) - newest.created_at
    return report
