"""Add to basket, with Oscar's behaviour and a fraction of its queries.

Oscar's view reads the product, then its class, its options, its stock record
and seller twice (the form, then the basket), and after the addition reloads
every line of the basket with their products, classes, stock records and
sellers to apply the offers and say the new total. Here the product comes
with all of that in two queries (shop.basket.selectors), and a basket the
visitor had not saved yet is known to hold the new line only and no voucher,
so offers and the new total are worked out without reading it back.
Everything else is Oscar's: the form, the messages, the signal, the redirect.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.views.generic import FormView
from oscar.apps.basket import views as oscar_views
from oscar.apps.basket.views import *  # noqa: F401,F403
from oscar.core.loading import get_class

from shop.basket.selectors import products_to_add

Applicator = get_class("offer.applicator", "Applicator")
BasketMessageGenerator = get_class("basket.utils", "BasketMessageGenerator")


class BasketAddView(oscar_views.BasketAddView):
    def post(self, request, *args, **kwargs):
        self.product = get_object_or_404(products_to_add(), pk=kwargs["pk"])
        return FormView.post(self, request, *args, **kwargs)

    def form_valid(self, form):
        basket = self.request.basket
        offers_before = basket.applied_offers()
        was_unsaved = basket.id is None
        if was_unsaved:
            basket.save()
            known_to_be_empty(basket)
        self.line, self.line_created = basket.add_product(
            form.product, form.cleaned_data["quantity"], form.cleaned_options())
        messages.success(self.request, self.get_success_message(form),
                         extra_tags="safe noicon")
        self.apply_messages(offers_before, only_line=self.line if was_unsaved else None)
        self.add_signal.send(sender=self, product=form.product, user=self.request.user,
                             request=self.request)
        return FormView.form_valid(self, form)

    def apply_messages(self, offers_before, *, only_line=None):
        """Oscar's ``BasketMessageGenerator.apply_messages``, told when the basket
        holds ``only_line`` so that it reads no line back."""
        request, basket = self.request, self.request.basket
        basket.reset_offer_applications()
        if only_line is not None:
            holding_only(basket, only_line)
        Applicator().apply(basket, request.user, request)
        offers_after = basket.applied_offers()
        for level, msg in BasketMessageGenerator().get_messages(
                basket, offers_before, offers_after):
            messages.add_message(request, level, msg, extra_tags="safe noicon")


def known_to_be_empty(basket):
    """A basket saved just now: no line, no voucher, without asking the database."""
    basket._lines = basket.lines.none()
    basket._prefetched_objects_cache = {"vouchers": basket.vouchers.none()}


def holding_only(basket, line):
    """The basket's lines are ``line`` alone, its product and stock record as loaded."""
    lines = basket.lines.all()
    lines._result_cache = [line]
    lines._prefetch_done = True
    basket._lines = lines
