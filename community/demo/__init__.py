"""The demo community that `python manage.py seed_demo` builds (and `make run` loads)."""
