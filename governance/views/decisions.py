"""The decisions register (8): decisions by year with what each changed, one decision, and
the strategic questions with their alternatives, status and decision."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from core.pagination import query_without

from ..forms.decisions import YearForm
from ..selectors import decisions as selectors

PAGE_SIZE = 50


class DecisionListView(PermissionRequiredMixin, ListView):
    permission_required = "governance.view_decision"
    template_name = "governance/decision_list.html"
    context_object_name = "decisions"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.year_form = YearForm(self.request.GET or None, years=selectors.decision_years())
        year = self.year_form.cleaned_data["year"] if self.year_form.is_valid() else None
        return selectors.decision_list(year=year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(year_form=self.year_form, **kwargs)
        selectors.attach_effect_items(context["decisions"])
        context["query"] = query_without(self.request.GET, "page")
        return context


class DecisionDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_decision"
    template_name = "governance/decision_detail.html"

    def get_context_data(self, pk, **kwargs):
        decision = get_object_or_404(selectors.decision_detail_queryset(), pk=pk)
        selectors.attach_effect_items([decision])
        return super().get_context_data(decision=decision, **kwargs)


class QuestionListView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_strategicquestion"
    template_name = "governance/question_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(questions=selectors.question_list(), **kwargs)


class QuestionDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_strategicquestion"
    template_name = "governance/question_detail.html"

    def get_context_data(self, pk, **kwargs):
        question = get_object_or_404(selectors.question_detail_queryset(), pk=pk)
        decisions = list(question.decisions.all())
        selectors.attach_effect_items(decisions)
        return super().get_context_data(question=question, decisions=decisions, **kwargs)
