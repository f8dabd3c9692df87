"""One view, one fixed page of 2,048 bytes."""

from django.http import HttpResponse
from django.urls import path

_HEAD = "<!doctype html><html lang=\"fr\"><head><title>Plafond</title></head><body><p>"
_TAIL = "</p></body></html>\n"
PAGE = (_HEAD + "x" * (2048 - len(_HEAD) - len(_TAIL)) + _TAIL).encode()


def fixed_page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", fixed_page)]
