from django.apps import apps
from django.urls import path

from . import campaign_views, desk_views, inbox_views, simulator_views, views, voice_views

app_name = "phone_orders"
urlpatterns = [
    path("sms/inbound/", views.sms_inbound_view, name="sms-inbound"),
    path("voice/", voice_views.voice_incoming_view, name="voice-incoming"),
    path("voice/language/", voice_views.voice_language_view, name="voice-language"),
    path("voice/<str:language>/menu/", voice_views.voice_menu_view, name="voice-menu"),
    path("voice/<str:language>/choice/", voice_views.voice_choice_view, name="voice-choice"),
    path("voice/<str:language>/dial-done/", voice_views.voice_dial_done_view, name="voice-dial-done"),
    path("voice/<str:language>/recorded/", voice_views.voice_recorded_view, name="voice-recorded"),
    path("desk/", desk_views.desk_search_view, name="desk"),
    path("desk/clients/new/", desk_views.desk_client_create_view, name="desk-client-create"),
    path("desk/clients/<int:pk>/", desk_views.desk_client_view, name="desk-client"),
    path("desk/clients/<int:pk>/lines/", desk_views.desk_line_set_view, name="desk-line-set"),
    path("desk/clients/<int:pk>/confirm/", desk_views.desk_order_confirm_view, name="desk-confirm"),
    path("desk/orders/<str:number>/", desk_views.desk_order_summary_view, name="desk-order"),
    path("inbox/", inbox_views.inbox_list_view, name="inbox"),
    path("inbox/<int:pk>/done/", inbox_views.inbox_item_done_view, name="inbox-done"),
    path("simulator/", simulator_views.simulator_view, name="simulator"),
    path("campaigns/", campaign_views.campaign_list_view, name="campaigns"),
    path("campaigns/<int:pk>/start/", campaign_views.campaign_start_view, name="campaign-start"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("phone_orders").post_process_urls(urlpatterns)
