from django.contrib import admin

from . import models, services


class ProgramDayInline(admin.TabularInline):
    model = models.ProgramDay
    extra = 0


class MealOptionInline(admin.TabularInline):
    model = models.MealOption
    extra = 0
    raw_id_fields = ["regular_product", "solidarity_product"]


class ClosureInline(admin.TabularInline):
    model = models.Closure
    extra = 0


class SeasonInline(admin.TabularInline):
    model = models.Season
    extra = 0


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "seller", "postal_prefixes", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["waitlist_counter"]
    inlines = [ProgramDayInline, MealOptionInline, SeasonInline, ClosureInline]


class ClientChangeInline(admin.TabularInline):
    model = models.ClientChange
    extra = 0
    can_delete = False
    readonly_fields = ["changed_at", "changed_by", "action", "changes"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Client)
class ClientAdmin(admin.ModelAdmin):
    """Changes made here are kept in the client's history like any other."""

    list_display = ["full_name", "phone", "postal_code", "language", "fare"]
    search_fields = ["first_name", "last_name", "phone", "postal_code"]
    raw_id_fields = ["user"]
    inlines = [ClientChangeInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Loi 25: the form shows the health, diet and access notes; the view is logged."""
        from shop.people.services.access_log import access_log_record

        response = super().change_view(request, object_id, form_url, extra_context)
        client = self.get_object(request, object_id)
        if request.method == "GET" and client is not None and response.status_code == 200:
            access_log_record(viewer=request.user, person=client.person, page=request.path)
        return response

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            obj.refresh_from_db()
            services.client_update(client=obj, by=request.user, **fields)
        else:
            fields = {name: form.cleaned_data[name] for name in form.fields}
            created = services.client_create(by=request.user, **fields)
            obj.pk = created.pk


@admin.register(models.Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["client", "program", "season", "status", "channel", "waitlist_number",
                    "created"]
    list_filter = ["status", "channel", "program"]
    search_fields = ["client__first_name", "client__last_name", "client__phone"]
    raw_id_fields = ["client", "entered_by", "approved_by"]
    readonly_fields = ["waitlist_number", "created", "updated"]


@admin.register(models.Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["date", "client", "meals", "meal_option", "status", "route", "stop_order",
                    "billed_order"]
    list_filter = ["status", "program", "date"]
    raw_id_fields = ["registration", "client", "route", "billed_order", "outcome_by"]


@admin.register(models.Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "program", "driver_name"]
    list_filter = ["program", "date"]


@admin.register(models.FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["created", "client", "reason", "status"]
    list_filter = ["status"]


@admin.register(models.WaitlistOffer)
class WaitlistOfferAdmin(admin.ModelAdmin):
    list_display = ["registration", "offered_at", "expires_at", "status"]
    list_filter = ["status"]
