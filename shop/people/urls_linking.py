"""The people app's linking pages (included by urls.py, namespace "people")."""

urlpatterns = []
