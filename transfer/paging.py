"""Pages of the catalogue's wide, sorted querysets, fetched in two steps.

A page query that sorts whole rows (long texts, the search vector) and then joins and annotates
them costs more the larger the catalogue is. Here the page's ids come first from a narrow sorted
query (an index on PostgreSQL), then the full rows with annotations and prefetches are read for
those ids only, or (`rows = False`) not at all: the page holds the ids and the caller reads or
renders the rows itself. The total count is kept until the catalogue next changes, when a key
is given.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from transfer.caching import cached_derived


class IdsFirstPaginator(Paginator):
    rows = True

    def __init__(self, object_list, per_page, *, count_key=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        if self.count_key is None:
            return Paginator.count.func(self)
        return cached_derived("page-count", self.count_key, lambda: Paginator.count.func(self))

    def _get_page(self, object_list, number, paginator) -> Page:
        if not isinstance(object_list, QuerySet):
            return super()._get_page(object_list, number, paginator)
        ids = list(object_list.values_list("pk", flat=True))
        if not self.rows:
            return super()._get_page(ids, number, paginator)
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return super()._get_page([rows[pk] for pk in ids if pk in rows], number, paginator)
