"""What adopting a resolution does to an object of a later app, registered by that app.

`governance` must not import `projects`, yet a resolution may pass a project's phase gate or
confirm a sponsorship. A later app registers, in its `AppConfig.ready`, one `SubjectEffect` per
model it offers as a subject: the choices for forms, a check run before the resolution is recorded
(its German refusal stops the recording), and the effect run in the same transaction once it is
adopted. Plain function calls in one transaction: no signals.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model


@dataclass(frozen=True)
class SubjectEffect:
    model: type[Model]
    label: str
    # (pk, label) of the objects a resolution may concern now, for the forms' choice lists
    choices: Callable[[], Iterable[tuple[int, str]]]
    # a German reason why a resolution about this object cannot be adopted now, or None
    check: Callable[[Model], str | None]
    # does what the adopted resolution decides; returns a short German description of it
    apply: Callable[..., str]
    url: Callable[[Model], str] = lambda obj: ""


_EFFECTS: dict[str, SubjectEffect] = {}


def _key(model) -> str:
    return model._meta.label_lower


def register(effect: SubjectEffect) -> None:
    _EFFECTS[_key(effect.model)] = effect


def effects() -> list[SubjectEffect]:
    return list(_EFFECTS.values())


def effect_for(obj: Model | None) -> SubjectEffect | None:
    return _EFFECTS.get(_key(obj)) if obj is not None else None


def subject_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form field; values are "app_label.model:pk"."""
    return [
        (effect.label, [(f"{_key(effect.model)}:{pk}", label) for pk, label in effect.choices()])
        for effect in _EFFECTS.values()
    ]


def subject_from_value(value: str) -> Model | None:
    """The object a choice value names, or None for an empty or unknown value."""
    if not value or ":" not in value:
        return None
    key, _sep, pk = value.partition(":")
    effect = _EFFECTS.get(key)
    if effect is None or not pk.isdigit():
        return None
    return effect.model._default_manager.filter(pk=int(pk)).first()


def subject_value(obj: Model | None) -> str:
    return f"{_key(obj)}:{obj.pk}" if obj is not None else ""


def subject_fields(obj: Model | None) -> dict:
    """The generic-relation fields for a model instance (or empty ones)."""
    if obj is None:
        return {"subject_type": None, "subject_id": None}
    return {"subject_type": ContentType.objects.get_for_model(obj), "subject_id": obj.pk}
