"""Routes of the structure pages (see governance/urls/__init__.py): groups, the organisation
chart, proposals, meetings, the decisions register and the strategic questions."""

from django.urls import path

from ..views import bodies, decisions, meetings, proposals

urlpatterns = [
    path("groups/", bodies.BodyListView.as_view(), name="body_list"),
    path("groups/<slug:code>/", bodies.BodyDetailView.as_view(), name="body_detail"),
    path("structure/", bodies.OrgChartView.as_view(), name="org_chart"),
    path("proposals/", proposals.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", proposals.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposals.ProposalEditView.as_view(), name="proposal_edit"),
    path(
        "proposals/<int:pk>/submit/",
        proposals.ProposalSubmitView.as_view(),
        name="proposal_submit",
    ),
    path(
        "proposals/<int:pk>/withdraw/",
        proposals.ProposalWithdrawView.as_view(),
        name="proposal_withdraw",
    ),
    path(
        "proposals/<int:pk>/archive/",
        proposals.ProposalArchiveView.as_view(),
        name="proposal_archive",
    ),
    path(
        "proposals/<int:pk>/comment/",
        proposals.ProposalCommentView.as_view(),
        name="proposal_comment",
    ),
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "meetings/<int:pk>/agenda/proposal/",
        meetings.AgendaProposalView.as_view(),
        name="meeting_agenda_proposal",
    ),
    path(
        "meetings/<int:pk>/agenda/question/",
        meetings.AgendaQuestionView.as_view(),
        name="meeting_agenda_question",
    ),
    path(
        "meetings/<int:pk>/attendance/",
        meetings.AttendanceView.as_view(),
        name="meeting_attendance",
    ),
    path("meetings/<int:pk>/minutes/", meetings.MinutesView.as_view(), name="meeting_minutes"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/decide/",
        meetings.AgendaItemDecideView.as_view(),
        name="agenda_item_decide",
    ),
    path("meetings/<int:pk>/close/", meetings.MeetingCloseView.as_view(), name="meeting_close"),
    path("decisions/", decisions.DecisionListView.as_view(), name="decision_list"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path("questions/", decisions.QuestionListView.as_view(), name="question_list"),
    path("questions/<int:pk>/", decisions.QuestionDetailView.as_view(), name="question_detail"),
]
