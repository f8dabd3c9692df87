def taxes(request):
    """Prices are shown before tax everywhere, with GST and QST on their own lines."""
    return {"show_tax_separately": True}
