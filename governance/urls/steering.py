"""Routes of the steering pages (see governance/urls/__init__.py)."""

urlpatterns = []
