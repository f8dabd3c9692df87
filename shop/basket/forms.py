"""Oscar's basket forms; adding a product without options reads no option."""

from oscar.apps.basket import forms as oscar_forms
from oscar.apps.basket.forms import *  # noqa: F401,F403


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def cleaned_options(self):
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketMixin, AddToBasketForm):
    pass
