"""App configurations of the project's own (not of a domain app)."""

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """collectstatic without what the site never serves: ReDoc (the API docs are Swagger UI)
    takes half of the API documentation bundle's 28 MB. It lives here, not in core/apps.py:
    a second AppConfig there would stop Django from choosing CoreConfig for "core"."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "redoc"]
