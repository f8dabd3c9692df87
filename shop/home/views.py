"""The home page: who the cooperative is, its sellers, a few products, meals for seniors."""

from django.views.generic import TemplateView

from . import selectors


class HomeView(TemplateView):
    template_name = "home/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sellers=list(selectors.public_sellers()),
            books=selectors.featured_books(),
            tools=selectors.featured_tools(),
            meal_program=selectors.open_meal_program(),
            **kwargs,
        )
