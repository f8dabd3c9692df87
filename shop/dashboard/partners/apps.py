"""Oscar's sellers dashboard, with each seller's public page editable by its own staff."""

import oscar.apps.dashboard.partners.apps as apps
from django.urls import path
from oscar.core.loading import get_class

#: Coordinators, and seller staff (who the view limits to their own sellers).
STAFF_OR_SELLER_STAFF = (["is_staff"], ["partner.dashboard_access"])


class PartnersDashboardConfig(apps.PartnersDashboardConfig):
    name = "shop.dashboard.partners"

    def ready(self):
        super().ready()
        self.page_list_view = get_class("dashboard.partners.views", "SellerPageListView")
        self.page_update_view = get_class("dashboard.partners.views", "SellerPageUpdateView")

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map["seller-page-list"] = STAFF_OR_SELLER_STAFF
        self.permissions_map["seller-page-update"] = STAFF_OR_SELLER_STAFF

    def get_urls(self):
        return super().get_urls() + self.post_process_urls([
            path("pages/", self.page_list_view.as_view(), name="seller-page-list"),
            path("<int:pk>/page/", self.page_update_view.as_view(), name="seller-page-update"),
        ])
