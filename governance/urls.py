from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
]
