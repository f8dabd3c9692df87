"""The ceiling: Django returning a fixed 2 KB page, no database, no middleware."""
