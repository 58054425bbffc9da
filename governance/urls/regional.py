"""Routes of the regional pages (see governance/urls/__init__.py): the task log, its
overviews and the needs messages upward (6.3)."""

from django.urls import path

from ..views import regional as views

urlpatterns = [
    path("", views.RegionalTaskListView.as_view(), name="regionaltask_list"),
    path("new/", views.RegionalTaskCreateView.as_view(), name="regionaltask_create"),
    path("overview/", views.RegionalOverviewView.as_view(), name="regional_overview"),
    path("<int:pk>/", views.RegionalTaskDetailView.as_view(), name="regionaltask_detail"),
    path("<int:pk>/edit/", views.RegionalTaskUpdateView.as_view(), name="regionaltask_update"),
    path(
        "<int:pk>/messages/new/",
        views.NeedsMessageCreateView.as_view(),
        name="needsmessage_create",
    ),
    path("messages/", views.NeedsMessageListView.as_view(), name="needsmessage_list"),
    path("messages/<int:pk>/", views.NeedsMessageDetailView.as_view(), name="needsmessage_detail"),
    *[
        path(
            f"messages/<int:pk>/{action}/",
            views.NeedsMessageActionView.as_view(action=action),
            name=f"needsmessage_{action}",
        )
        for action in views.ACTION_SERVICES
    ],
]
