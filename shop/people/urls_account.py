"""The people app's account pages (included by urls.py, namespace "people")."""

urlpatterns = []
