"""The web admin console under /admin (see app.py)."""
