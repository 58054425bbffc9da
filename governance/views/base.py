"""The shape of the governance pages that change something: core.views.ServiceFormView
behind a model permission, and, for a step posted from a page that shows it (a meeting's,
a proposal's, a needs message's), the answer to a refusal."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.template.response import TemplateResponse

from core.views import ServiceFormView


class GovernanceFormView(PermissionRequiredMixin, ServiceFormView):
    """ServiceFormView behind `permission_required`. With `method_first`, the method is
    checked before anything else, so a GET of a step that is only ever posted is 405 Method
    Not Allowed whoever asks."""

    method_first = False

    def dispatch(self, request, *args, **kwargs):
        if self.method_first and request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class PageStepView(GovernanceFormView):
    """A step posted from a page that shows its form. Errors in what was typed show that
    page again with the form (200). A refusal of the current state (core.refusals) is
    answered by `refused()`: by default that page as it stands now, with the refusal's
    message, as 409 Conflict; a refusal that belongs on the form (`keeps_form`, e.g. a stale
    version beside typed text worth keeping) stays there, 409 all the same.

    `setup_objects` may set `refusal` (a message) to refuse the step before its form is
    read; subclasses give the page as `page_template` and `page_context()`."""

    http_method_names = ["post"]
    page_template = None
    refusal = None
    posted_form = None

    def page_context(self, form=None):
        """The page's context as it stands now, with the posted `form` (if any) in place of
        its blank one."""
        raise NotImplementedError

    def get_template_names(self):
        return [self.page_template]

    def get_context_data(self, form=None, **kwargs):
        self.posted_form = form
        return self.page_context(form=form)

    def keeps_form(self, form):
        return False

    def post(self, request, *args, **kwargs):
        if self.refusal is not None:
            return self.refused([self.refusal])
        return super().post(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        # ServiceFormView answers a refusal with 409; the refusal's messages are the posted
        # form's non-field errors (the form was valid before the service refused).
        form = self.posted_form
        if response_kwargs.get("status") == 409 and not self.keeps_form(form):
            return self.refused([str(message) for message in form.non_field_errors()])
        return super().render_to_response(context, **response_kwargs)

    def refused(self, texts):
        for text in texts:
            messages.error(self.request, text)
        return TemplateResponse(self.request, self.page_template, self.page_context(), status=409)


def refusal_codes(form):
    """The codes of the form's non-field errors (a refusal's among them)."""
    return {error.code for error in form.non_field_errors().as_data()}
