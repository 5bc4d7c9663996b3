"""Ending a person's sessions: the one place for it (logout, password change and reset,
deactivation, the end of a privileged role, a session that outlived its privileged role)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F


@transaction.atomic
def sessions_end_for(*, person) -> None:
    """End every session of the person, on every device, whatever the session store.

    Each session carries a hash of the person's password and session generation, and Django
    discards a session whose hash no longer matches on its next request. Raising the generation
    therefore ends all of them at once, without having to find them in the store.
    """
    User = get_user_model()
    User.objects.filter(pk=person.pk).update(session_generation=F("session_generation") + 1)
    person.session_generation = User.objects.values_list("session_generation", flat=True).get(pk=person.pk)
