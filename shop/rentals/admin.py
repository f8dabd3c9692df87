from django.contrib import admin

from shop.rentals import models


@admin.register(models.RentableItem)
class RentableItemAdmin(admin.ModelAdmin):
    list_display = ("product", "price_per_day", "price_per_week", "deposit", "late_fee_per_day",
                    "max_loan_days", "buffer_days", "membership_required")
    raw_id_fields = ("product",)


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("asset_tag", "product", "seller", "condition", "status", "location")
    list_filter = ("status", "condition", "seller")
    search_fields = ("asset_tag", "product__title")
    raw_id_fields = ("product",)


@admin.register(models.Reservation)
class ReservationAdmin(admin.ModelAdmin):
    """Read-mostly: reservations are made and changed by the services (shop.rentals.services)."""

    list_display = ("unit", "member", "start_date", "end_date", "status", "deposit_status")
    list_filter = ("status", "deposit_status")
    search_fields = ("unit__asset_tag", "member__email", "member__last_name")
    raw_id_fields = ("unit", "member", "order", "created_by")
    date_hierarchy = "start_date"


@admin.register(models.MaintenancePeriod)
class MaintenancePeriodAdmin(admin.ModelAdmin):
    list_display = ("unit", "start_date", "end_date", "reason")
    raw_id_fields = ("unit", "created_by")


@admin.register(models.RentalCharge)
class RentalChargeAdmin(admin.ModelAdmin):
    list_display = ("reservation", "kind", "days", "amount", "order")
    raw_id_fields = ("reservation", "order", "created_by")


@admin.register(models.MembershipTier)
class MembershipTierAdmin(admin.ModelAdmin):
    list_display = ("name", "seller", "max_items", "price", "solidarity_price")
    raw_id_fields = ("product", "solidarity_product")


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("member", "tier", "start_date", "end_date", "solidarity", "price_paid")
    raw_id_fields = ("member", "order")


@admin.register(models.WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ("product", "member", "created_at", "notified_at")
    raw_id_fields = ("product", "member")


@admin.register(models.StockAdjustment)
class StockAdjustmentAdmin(admin.ModelAdmin):
    list_display = ("stockrecord", "delta", "level_after", "reason", "created_at", "created_by")
    list_filter = ("reason",)
    raw_id_fields = ("stockrecord", "created_by")


@admin.register(models.LoanReminder)
class LoanReminderAdmin(admin.ModelAdmin):
    list_display = ("reservation", "kind", "sent_on")
    raw_id_fields = ("reservation",)
