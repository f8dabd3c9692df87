from django.conf import settings
from django.views.generic import ListView

from ..forms import BrowseForm
from ..selectors import browsable_products


class ProductResult:
    """A product shaped like a Haystack result (``.object``), so Oscar's
    browse and search templates render it unchanged."""

    __slots__ = ("object",)

    def __init__(self, product):
        self.object = product


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
        results = [ProductResult(product) for product in context["object_list"]]
        context.update(
            {
                self.context_object_name: results,
                "form": self.form,
                "query": self.form.cleaned_data.get("q", ""),
                "page": context["page_obj"],
                "facet_data": {},
                "has_facets": False,
                "selected_facets": [],
            }
        )
        return context
