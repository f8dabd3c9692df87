"""Sellers' Stripe accounts are set here by coordinators; transfers are read-only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integrations.stripe.exceptions import StripeError

from .models import SellerStripeAccount, Transfer, TransferReversal
from .services import seller_account_check


@admin.register(SellerStripeAccount)
class SellerStripeAccountAdmin(admin.ModelAdmin):
    list_display = ["partner", "account_id", "payouts_enabled", "charges_enabled", "checked_at"]
    readonly_fields = ["payouts_enabled", "charges_enabled", "checked_at"]
    actions = ["check_with_stripe"]

    @admin.action(description=_("Check the accounts with Stripe"))
    def check_with_stripe(self, request, queryset):
        checked = 0
        for account in queryset:
            try:
                seller_account_check(account=account)
                checked += 1
            except StripeError as error:
                self.message_user(request, _("%(account)s could not be checked: %(error)s")
                                  % {"account": account, "error": error}, messages.ERROR)
        if checked:
            self.message_user(request, ngettext(
                "%(count)d account checked.", "%(count)d accounts checked.", checked,
            ) % {"count": checked}, messages.SUCCESS)


class TransferReversalInline(admin.TabularInline):
    model = TransferReversal
    extra = 0
    can_delete = False
    readonly_fields = [field.name for field in TransferReversal._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = ["idempotency_key", "partner", "amount", "amount_reversed", "status",
                    "stripe_transfer_id", "created_at"]
    list_filter = ["status", "partner"]
    search_fields = ["idempotency_key", "stripe_transfer_id", "order__number"]
    readonly_fields = [field.name for field in Transfer._meta.fields]
    inlines = [TransferReversalInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
