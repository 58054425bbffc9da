from django.urls import path

from .views import accessibility

app_name = "governance"

urlpatterns = [
    path("accessibility/", accessibility.accessibility_statement, name="accessibility_statement"),
]
