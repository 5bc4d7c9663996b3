"""Pages of the catalogue: ids first (kooperationsraum.paging.IdsFirstPaginator), and the total
count kept until the catalogue next changes, when a key is given."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from kooperationsraum.paging import IdsFirstPaginator
from transfer.caching import cached_derived


class CatalogueIdsPaginator(IdsFirstPaginator):
    def __init__(self, object_list, per_page, *, count_key=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        if self.count_key is None:
            return Paginator.count.func(self)
        return cached_derived("page-count", self.count_key, lambda: Paginator.count.func(self))
