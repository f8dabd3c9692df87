"""Rentals pages: the public availability feed, a client's bookings, and the staff desk.

A signed-in client books a tool from its product page (``BookingCreateView``)
and sees each of their bookings on its own page; another user's booking is a 404.

Who may open the desk pages is declared once (``RentalsConfig``); each desk
page then looks objects up among the sellers the user may manage
(``access.sellers_visible_to``) only, so another seller's staff get 404
everywhere. Views parse, call one service, and respond.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from integrations.stripe.exceptions import StripeError
from shop import access, clock
from shop.order.models import Channel
from shop.payments.services import PaymentRefused
from shop.rentals import selectors, services
from shop.rentals.forms import (
    BookingForm,
    CheckInForm,
    CheckOutForm,
    DepositForm,
    MaintenanceForm,
)
from shop.rentals.models import RentableItem, ReservationStatus

Product = get_model("catalogue", "Product")


def product_availability_json(request, pk):
    """``/rentals/products/<pk>/availability.json``: free units per day for 60 days.

    A product not public yet is shown only to the staff of a seller lending it.
    """
    terms = RentableItem._default_manager.select_related("product").filter(product_id=pk).first()
    if terms is None or not (terms.product.is_public
                             or selectors.lent_by(terms.product, access.sellers_visible_to(request.user))):
        raise Http404
    availability = selectors.product_availability(product=terms.product)
    response = JsonResponse(availability.as_json())
    response["Cache-Control"] = "no-store"
    return response


# --- A client's bookings ------------------------------------------------------------


class BookingCreateView(LoginRequiredMixin, View):
    """``/rentals/book/<product pk>/``: book a tool; the form again, with the reason, if refused.

    Paid online, the client goes on to Stripe Checkout and comes back to the
    booking page; paid at pick-up, the booking is confirmed at once.
    """

    template_name = "rentals/booking_form.html"

    def get_product(self):
        terms = get_object_or_404(RentableItem._default_manager.select_related("product"),
                                  product_id=self.kwargs["pk"], product__is_public=True)
        return terms.product

    def get(self, request, pk):
        form = BookingForm(initial=BookingForm.default_dates(clock.today()))
        return self.show(form)

    def post(self, request, pk):
        product = self.get_product()
        form = BookingForm(request.POST)
        if not form.is_valid():
            return self.show(form, product=product)
        try:
            reservation = services.reservation_book(
                member=signed_in_user(request), product=product, start=form.cleaned_data["start"],
                end=form.cleaned_data["end"], payment_method=services.booking_payment_method(),
                channel=Channel.WEB, request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.show(form, product=product)
        if reservation.status == ReservationStatus.HELD:
            return booking_checkout_redirect(request, reservation)
        messages.success(request, _("Your booking is confirmed. You pay at pick-up."))
        return redirect("rentals:booking", pk=reservation.pk)

    def show(self, form, product=None):
        product = product or self.get_product()
        return render(self.request, self.template_name, {"form": form, "product": product})


def signed_in_user(request):
    """The user model instance itself (services lock its row), not the request's lazy proxy."""
    return get_user_model()._default_manager.get(pk=request.user.pk)


def booking_checkout_redirect(request, reservation):
    """To the Stripe Checkout page of a held booking, or back to its page if Stripe fails."""
    try:
        link = services.booking_checkout_link(reservation=reservation)
    except (StripeError, PaymentRefused):
        messages.error(request, _("The payment page could not be opened. Your tool stays "
                                  "held for a while: try again from this page."))
        return redirect("rentals:booking", pk=reservation.pk)
    return redirect(link.url)


class BookingDetailView(LoginRequiredMixin, TemplateView):
    """``/rentals/bookings/<pk>/``: the member's own booking; anyone else gets 404."""

    template_name = "rentals/booking_detail.html"

    def get_reservation(self):
        return get_object_or_404(selectors.bookings_of(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reservation = self.get_reservation()
        context.update(reservation=reservation, order=reservation.order,
                       product=reservation.unit.product, seller=reservation.unit.seller,
                       state=selectors.booking_state(reservation))
        return context


class BookingPayView(LoginRequiredMixin, View):
    """Pay a held booking (again) on Stripe Checkout."""

    def post(self, request, pk):
        reservation = get_object_or_404(selectors.bookings_of(request.user), pk=pk)
        if selectors.booking_state(reservation) != selectors.BookingState.HELD:
            return redirect("rentals:booking", pk=reservation.pk)
        return booking_checkout_redirect(request, reservation)


class DeskMixin:
    """The sellers the user manages (who may open the pages: ``RentalsConfig``)."""

    def dispatch(self, request, *args, **kwargs):
        self.sellers = access.sellers_visible_to(request.user)
        return super().dispatch(request, *args, **kwargs)

    def error_messages(self, error: ValidationError):
        for message in error.messages:
            messages.error(self.request, message)


class DeskView(DeskMixin, TemplateView):
    template_name = "rentals/desk.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.desk_lists(sellers=self.sellers))
        context.setdefault("check_out_form", CheckOutForm(prefix="out"))
        context.setdefault("check_in_form", CheckInForm(prefix="in"))
        return context


class CheckOutView(DeskMixin, View):
    def post(self, request):
        form = CheckOutForm(request.POST, prefix="out")
        if form.is_valid():
            try:
                unit = services.unit_by_tag(asset_tag=form.cleaned_data["asset_tag"],
                                            sellers=self.sellers)
                loan = services.loan_check_out(unit=unit, by=request.user)
            except ValidationError as error:
                self.error_messages(error)
            else:
                messages.success(request, _("%(tag)s lent to %(member)s until %(date)s.") % {
                    "tag": unit.asset_tag, "member": loan.member,
                    "date": loan.end_date.isoformat()})
        else:
            messages.error(request, _("Type or scan an asset tag."))
        return redirect("rentals:desk")


class CheckInView(DeskMixin, View):
    def post(self, request):
        form = CheckInForm(request.POST, prefix="in")
        if not form.is_valid():
            messages.error(request, _("Type or scan an asset tag."))
            return redirect("rentals:desk")
        data = form.cleaned_data
        try:
            unit = services.unit_by_tag(asset_tag=data["asset_tag"], sellers=self.sellers)
            loan = services.loan_check_in(
                unit=unit, by=request.user, condition=data["condition"], notes=data["notes"],
                needs_maintenance=data["needs_maintenance"],
            )
        except ValidationError as error:
            self.error_messages(error)
            return redirect("rentals:desk")
        self._say_returned(loan)
        return redirect("rentals:reservation", pk=loan.pk)

    def _say_returned(self, loan):
        late = loan.charges.filter(kind="late_fee").first()
        if late is not None:
            messages.warning(self.request, _("%(tag)s back %(days)d days late: late fee of "
                                             "%(amount)s $ billed.") % {
                "tag": loan.unit.asset_tag, "days": late.days, "amount": late.amount})
        else:
            messages.success(self.request, _("%(tag)s is back.") % {"tag": loan.unit.asset_tag})


class UnitListView(DeskMixin, TemplateView):
    template_name = "rentals/unit_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = selectors.units_for_sellers(self.sellers).order_by(
            "product__title", "asset_tag")
        return context


class UnitCalendarView(DeskMixin, TemplateView):
    """A unit's next 60 days: booked, out, buffer, maintenance or free; maintenance actions."""

    template_name = "rentals/unit_calendar.html"

    def get_unit(self):
        return get_object_or_404(selectors.units_for_sellers(self.sellers), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.get_unit()
        context.update(
            unit=unit,
            calendar=selectors.unit_calendar(unit=unit),
            maintenance_form=kwargs.get("maintenance_form") or MaintenanceForm(),
            periods=unit.maintenance_periods.order_by("-start_date")[:10],
        )
        return context

    def post(self, request, pk):
        unit = self.get_unit()
        action = request.POST.get("action")
        try:
            if action == "maintenance_start":
                services.unit_maintenance_start(unit=unit, reason=request.POST.get("reason", ""),
                                                by=request.user)
            elif action == "maintenance_end":
                services.unit_maintenance_end(unit=unit, by=request.user)
            elif action == "maintenance_plan":
                form = MaintenanceForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(maintenance_form=form))
                services.maintenance_plan(unit=unit, start=form.cleaned_data["start"],
                                          end=form.cleaned_data["end"],
                                          reason=form.cleaned_data["reason"], by=request.user)
            else:
                raise Http404
        except ValidationError as error:
            self.error_messages(error)
        return redirect("rentals:unit-calendar", pk=unit.pk)


class ReservationDetailView(DeskMixin, TemplateView):
    template_name = "rentals/reservation_detail.html"

    def get_reservation(self):
        return get_object_or_404(selectors.reservations_for_sellers(self.sellers),
                                 pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reservation = self.get_reservation()
        context.update(
            reservation=reservation,
            charges=reservation.charges.select_related("order"),
            deposit_form=kwargs.get("deposit_form") or DepositForm(),
            today=clock.today(),
        )
        return context

    def post(self, request, pk):
        reservation = self.get_reservation()
        form = DepositForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(deposit_form=form))
        try:
            services.deposit_settle(
                reservation=reservation, keep=form.cleaned_data["action"] == DepositForm.KEEP,
                reason=form.cleaned_data["reason"], by=request.user,
            )
        except ValidationError as error:
            self.error_messages(error)
        else:
            messages.success(request, _("Deposit settled."))
        return redirect(reverse("rentals:reservation", kwargs={"pk": reservation.pk}))
