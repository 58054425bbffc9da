"""What the governance records with a state machine share."""

from core.refusals import refuse


class StateMachine:
    """A model whose `status` moves only along `TRANSITIONS` (status → allowed next
    statuses); the services refuse any other step."""

    TRANSITIONS = {}

    def can_become(self, status):
        """Whether the state machine allows moving from the current status to `status`."""
        return status in self.TRANSITIONS[self.Status(self.status)]

    def check_step(self, status, refusal, **params):
        """Refuse with `refusal` unless the state machine allows moving to `status`; the
        message may name the current `%(status)s` and the other `params`."""
        if not self.can_become(status):
            refuse(refusal, status=self.get_status_display(), **params)
