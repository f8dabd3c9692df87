"""The basket: Oscar's, with an add-to-basket view that reads what it needs once."""
