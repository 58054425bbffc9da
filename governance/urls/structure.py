"""Routes of the structure pages (see governance/urls/__init__.py)."""

urlpatterns = []
