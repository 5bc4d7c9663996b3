"""Public links for what a resolution is about, registered by the later app that owns the object.

The public register shows "linked project" beside a resolution, but whether a project is public,
and where its public page lives, is known only to `projects` and `transfer`, which `governance` must
not import. The owning app registers one function per model in its `AppConfig.ready`; the function
takes many objects at once (one query for a whole page) and returns, for each public one, its label
and public address. Objects it leaves out are not shown.
"""

from collections.abc import Callable, Iterable

from django.db.models import Model

PublicLinks = Callable[[list[Model]], dict[int, tuple[str, str]]]

_LINKERS: dict[str, PublicLinks] = {}


def register(model: type[Model], linker: PublicLinks) -> None:
    _LINKERS[model._meta.label_lower] = linker


def public_links(objects: Iterable[Model | None]) -> dict[tuple[str, int], tuple[str, str]]:
    """(model label, pk) → (label, public address) for those of `objects` that may be shown."""
    by_model: dict[str, list[Model]] = {}
    for obj in objects:
        if obj is not None:
            by_model.setdefault(obj._meta.label_lower, []).append(obj)
    links = {}
    for key, group in by_model.items():
        linker = _LINKERS.get(key)
        if linker is not None:
            links.update({(key, pk): link for pk, link in linker(group).items()})
    return links


def link_for(links: dict, obj: Model | None) -> tuple[str, str] | None:
    return links.get((obj._meta.label_lower, obj.pk)) if obj is not None else None
