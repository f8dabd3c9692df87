"""A page that fails, for the error report tests."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def failing_view(request):
    raise ValueError("No account for luc.tremblay@example.org at 514-555-0142")


urlpatterns = [
    path("failing/", failing_view),
]
