from django.apps import apps
from django.urls import path

from shop.rentals import inventory_views, membership_views, views

app_name = "rentals"
urlpatterns = [
    path("products/<int:pk>/availability.json", views.product_availability_json,
         name="product-availability"),
    path("book/<int:pk>/", views.BookingCreateView.as_view(), name="book"),
    path("bookings/<int:pk>/", views.BookingDetailView.as_view(), name="booking"),
    path("bookings/<int:pk>/pay/", views.BookingPayView.as_view(), name="booking-pay"),
    path("desk/", views.DeskView.as_view(), name="desk"),
    path("desk/check-out/", views.CheckOutView.as_view(), name="check-out"),
    path("desk/check-in/", views.CheckInView.as_view(), name="check-in"),
    path("desk/units/", views.UnitListView.as_view(), name="unit-list"),
    path("desk/units/<int:pk>/", views.UnitCalendarView.as_view(), name="unit-calendar"),
    path("desk/reservations/<int:pk>/", views.ReservationDetailView.as_view(),
         name="reservation"),
    path("memberships/", membership_views.MembershipPlansView.as_view(),
         name="membership-plans"),
    path("desk/memberships/", membership_views.MembershipSellView.as_view(),
         name="membership-sell"),
]

urlpatterns += [
    path("inventory/", inventory_views.StockLevelListView.as_view(), name="inventory"),
    path("inventory/low-stock/", inventory_views.LowStockListView.as_view(), name="low-stock"),
    path("inventory/stock.csv", inventory_views.StockCsvView.as_view(), name="inventory-csv"),
    path("inventory/<int:pk>/", inventory_views.StockRecordView.as_view(), name="stock-record"),
    path("inventory/import-books/", inventory_views.BookImportView.as_view(),
         name="book-import"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("rentals").post_process_urls(urlpatterns)
