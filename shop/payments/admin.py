from django.contrib import admin

from .models import PaymentLink, Refund, SellerFee, StripeEvent


@admin.register(SellerFee)
class SellerFeeAdmin(admin.ModelAdmin):
    list_display = ["partner", "rate"]


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "status", "received_at", "processed_at", "note"]
    list_filter = ["status", "type"]
    search_fields = ["event_id"]
    readonly_fields = [field.name for field in StripeEvent._meta.fields]


@admin.register(PaymentLink)
class PaymentLinkAdmin(admin.ModelAdmin):
    list_display = ["order", "attempt", "status", "amount", "expires_at", "sent_to"]
    list_filter = ["status"]
    raw_id_fields = ["order", "sent_by"]


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ["order", "amount", "status", "stripe_refund_id", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["order", "source", "requested_by"]
