"""The one shape of a page that changes something: form → service → message → redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import TemplateView

from .forms import add_errors
from .refusals import is_refusal


class ServiceFormView(TemplateView):
    """GET shows the form; POST binds it and calls one service (`perform`). Success: a
    message and a redirect (POST/redirect/GET). Errors in what the user typed: the form
    again with them (200). A refusal of the current state (core.refusals): the form again
    with its message, 409 Conflict.

    Subclasses set `form_class`, `template_name` and `success_message`, load what the URL
    names in `setup_objects` (authorising there: PermissionDenied, Http404), and implement
    `perform(data)`, which returns the changed object (its URL is the default redirect)."""

    form_class = None
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.setup_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self, **kwargs):
        """Load and authorise the objects the URL names; nothing by default."""

    def get_form_kwargs(self):
        return {}

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, **self.get_form_kwargs())

    def perform(self, data):
        raise NotImplementedError

    def get_success_url(self, result):
        return result.get_absolute_url()

    def get_success_message(self, result):
        return self.success_message

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = self.perform(form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
                status = 409 if is_refusal(error) else 200
                return self.render_to_response(self.get_context_data(form=form), status=status)
            message = self.get_success_message(result)
            if message:
                messages.success(request, message)
            return redirect(self.get_success_url(result))
        return self.render_to_response(self.get_context_data(form=form))
