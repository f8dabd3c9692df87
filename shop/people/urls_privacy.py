"""The people app's privacy pages (included by urls.py, namespace "people")."""

urlpatterns = []
