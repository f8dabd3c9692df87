from django.contrib import admin

from .models import OutboundMessage, SmsContact


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "to", "status", "attempts", "last_error")
    list_filter = ("status", "kind", "channel")
    search_fields = ("to", "key", "body")
    readonly_fields = ("key", "provider_sid", "provider_status", "attempts", "sent_at",
                       "delivered_at")


@admin.register(SmsContact)
class SmsContactAdmin(admin.ModelAdmin):
    list_display = ("phone", "person", "language", "opted_out_at", "consented_at")
    search_fields = ("phone",)
    readonly_fields = ("opted_out_at", "consented_at")  # a cache of the consent ledger
