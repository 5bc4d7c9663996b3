"""Writing the audit trail. Call `audit_record` inside the transaction of the change it records.
Checkpoints (the chain's head published outside the database) are in
`governance.services.audit_checkpoints`; verifying the chain in `governance.services.audit_verification`."""

import hashlib
from collections.abc import Mapping
from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model

from governance.models import GENESIS_HASH, AuditEvent, ChainVersion, audit_label, person_ref
from governance.models.audit import client_digest

SYSTEM_LABEL = "System"
# One advisory lock serialises writers, so two concurrent events never share a predecessor.
CHAIN_LOCK_KEY = int(hashlib.sha256(b"kooperationsraum.audit").hexdigest()[:15], 16)


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # SQLite serialises writers itself.


def _request_details(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return get_client_ip_address(request), request.META.get("HTTP_USER_AGENT", "")[:300]


def audit_record(
    *,
    verb: str,
    actor=None,
    target: Model | None = None,
    payload: Mapping[str, Any] | None = None,
    request=None,
) -> AuditEvent:
    """Append one keyed event to the chain. Refuses to run outside a transaction: an event must
    never outlive a change that was rolled back, nor be missing for one that was committed.

    Persons appear only as pseudonymous references (`person_ref`), so erasing a person never
    needs an event rewritten."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records.")
    _lock_chain()
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    ip_address, user_agent = _request_details(request)
    human = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        chain_version=ChainVersion.HMAC,
        sequence=(last[0] + 1) if last else 1,
        previous_hash=last[1] if last else GENESIS_HASH,
        actor=actor if human else None,
        actor_label=person_ref(actor) if human else SYSTEM_LABEL,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=audit_label(target) if target is not None else "",
        ip_address=ip_address,
        user_agent=user_agent,
        client_digest=client_digest(ip_address, user_agent),
        payload=dict(payload or {}),
    )
    event.hash = event.compute_hash()
    event.save()
    return event


def audit_head() -> tuple[int, str]:
    """(sequence, hash) of the newest event; (0, genesis) for an empty trail."""
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return last if last else (0, GENESIS_HASH)


# --- verification ---------------------------------------------------------------------------------
