from oscar.apps.search.signals import user_search

from .base import ProductListView


class FacetedSearchView(ProductListView):
    """Search by words in the title, description, attributes (author…), seller."""

    template_name = "oscar/search/results.html"
    context_object_name = "results"

    def dispatch(self, request, *args, **kwargs):
        user_search.send(
            sender=self,
            session=request.session,
            user=request.user,
            query=request.GET.get("q", ""),
        )
        return super().dispatch(request, *args, **kwargs)
