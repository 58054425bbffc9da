from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("luettu/", views.notification_mark_read, name="notification_mark_read"),
    path("preferences/", views.preferences, name="preferences"),
]
