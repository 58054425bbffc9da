"""Routes of the steering pages (see governance/urls/__init__.py): the annual planning clock,
the plans of the four levels, the steering dashboard and the roadmap (5.6, 7)."""

from django.urls import path

from ..views import steering as views

urlpatterns = [
    path("", views.SteeringDashboardView.as_view(), name="steering_dashboard"),
    path("clock/", views.ClockView.as_view(), name="clock"),
    path("clock/events/add/", views.ClockEventCreateView.as_view(), name="clockevent_create"),
    path(
        "clock/events/<int:pk>/edit/",
        views.ClockEventUpdateView.as_view(),
        name="clockevent_update",
    ),
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/add/", views.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", views.PlanUpdateView.as_view(), name="plan_update"),
    path("plans/<int:pk>/items/add/", views.PlanItemCreateView.as_view(), name="planitem_create"),
    path("plans/items/<int:pk>/edit/", views.PlanItemUpdateView.as_view(), name="planitem_update"),
    path("plans/<int:pk>/metrics/add/", views.MetricCreateView.as_view(), name="metric_create"),
    path("plans/metrics/<int:pk>/edit/", views.MetricUpdateView.as_view(), name="metric_update"),
    path("roadmap/", views.RoadmapView.as_view(), name="roadmap"),
]
