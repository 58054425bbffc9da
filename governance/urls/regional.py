"""Routes of the regional pages (see governance/urls/__init__.py)."""

urlpatterns = []
