from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.views.generic import ListView

from shop.catalogue.cache import fragment_key, fragment_timeout

from ..forms import BrowseForm
from ..selectors import browsable_products


class ProductResult:
    """A product shaped like a Haystack result (``.object``), so Oscar's
    browse and search templates render it unchanged."""

    __slots__ = ("object",)

    def __init__(self, product):
        self.object = product


class PageResults:
    """The products of one page as results, read only when first listed.

    A page whose cards come from the cache (templates/oscar/catalogue/browse.html)
    never lists them, so the products are never read; whether the page has any
    is known from the paginator's count.
    """

    def __init__(self, page):
        self.page = page
        self._results = None

    def __bool__(self):
        return self.page.paginator.count > 0

    def __iter__(self):
        if self._results is None:
            self._results = [ProductResult(product) for product in self.page.object_list]
        return iter(self._results)

    def __len__(self):
        return len(list(iter(self)))


class CatalogueCountPaginator(Paginator):
    """A paginator whose count of products is kept in the catalogue's page cache.

    Counting the products of the whole catalogue or of a large category is the
    only query left on a browse page whose cards come from the cache; the count
    goes stale with the cards (shop.catalogue.cache).
    """

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        if fragment_timeout() <= 0:
            return self.count_objects()
        count = cache.get(self.count_key)
        if count is None:
            count = self.count_objects()
            cache.set(self.count_key, count, fragment_timeout())
        return count

    def count_objects(self):
        return super().count


class ProductListView(ListView):
    """A page of products read from the database (see shop.search.selectors)."""

    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    form_class = BrowseForm

    def get_form(self):
        form = self.form_class(self.request.GET)
        form.is_valid()
        return form

    def get_categories(self):
        return None

    def get_paginator(self, queryset, per_page, **kwargs):
        data = getattr(self.form, "cleaned_data", {})
        category = getattr(self, "category", None)
        count_key = fragment_key("browse-count", [getattr(category, "pk", None), data.get("q", "")])
        return CatalogueCountPaginator(queryset, per_page, count_key=count_key, **kwargs)

    def get_queryset(self):
        self.form = self.get_form()
        data = getattr(self.form, "cleaned_data", {})
        return browsable_products(
            categories=self.get_categories(),
            query=data.get("q", ""),
            sort_by=data.get("sort_by", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                self.context_object_name: PageResults(context["page_obj"]),
                "form": self.form,
                "query": self.form.cleaned_data.get("q", ""),
                "page": context["page_obj"],
                "facet_data": {},
                "has_facets": False,
                "selected_facets": [],
            }
        )
        return context
