from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from oscar.apps.search.signals import user_search

from shop.catalogue.cache import fragment_key
from shop.notifications.phones import national

from ..forms import SearchForm
from ..selectors import FOUND_LIMIT, count_found, search_results
from .base import CatalogueCountPaginator, ProductListView


class SearchPaginator(CatalogueCountPaginator):
    """Counts the results up to ``FOUND_LIMIT``; ``more_than_count`` when there are more
    (the page then says "More than 1,000 results")."""

    def __init__(self, *args, query, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = query

    def count_objects(self):
        return count_found(query=self.query)

    @cached_property
    def found(self):
        return super().count

    @property
    def count(self):
        return min(self.found, FOUND_LIMIT)

    @property
    def more_than_count(self):
        return self.found > FOUND_LIMIT


class FacetedSearchView(ProductListView):
    """Products found by title, author, publisher, ISBN, description or seller,
    best match first (shop.search.selectors.search_products)."""

    template_name = "oscar/search/results.html"
    context_object_name = "results"
    form_class = SearchForm

    def dispatch(self, request, *args, **kwargs):
        user_search.send(
            sender=self,
            session=request.session,
            user=request.user,
            query=request.GET.get("q", ""),
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("The given page number was invalid."))
            return redirect(f"{reverse('search:search')}?{urlencode({'q': request.GET.get('q', '')})}")

    def get_paginator(self, queryset, per_page, **kwargs):
        query = getattr(self.form, "cleaned_data", {}).get("q", "")
        count_key = fragment_key("search-count", [query])
        return SearchPaginator(queryset, per_page, count_key=count_key, query=query, **kwargs)

    def get_queryset(self):
        self.form = self.get_form()
        data = getattr(self.form, "cleaned_data", {})
        return search_results(query=data.get("q", ""), sort_by=data.get("sort_by", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        phone = getattr(settings, "SHOP_PHONE_NUMBER", "")
        context.update(shop_phone=phone, shop_phone_display=national(phone) if phone else "")
        return context
