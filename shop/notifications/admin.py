from django.contrib import admin

from .models import ConsentRecord, OutboundMessage, SmsContact


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "to", "status", "attempts", "last_error")
    list_filter = ("status", "kind", "channel")
    search_fields = ("to", "key", "body")
    readonly_fields = ("key", "provider_sid", "provider_status", "attempts", "sent_at",
                       "delivered_at")


@admin.register(SmsContact)
class SmsContactAdmin(admin.ModelAdmin):
    list_display = ("phone", "user", "language", "opted_out_at", "consented_at")
    search_fields = ("phone",)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "phone", "action", "method", "recorded_by")
    list_filter = ("action", "method")
    search_fields = ("phone",)

    def has_change_permission(self, request, obj=None):
        return False  # the record of a consent is never rewritten

    def has_delete_permission(self, request, obj=None):
        return False
