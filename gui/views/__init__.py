"""Plot views (being written)."""
