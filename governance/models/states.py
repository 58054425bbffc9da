"""What the governance records with a state machine share."""


class StateMachine:
    """A model whose `status` moves only along `TRANSITIONS` (status → allowed next
    statuses); the services refuse any other step."""

    TRANSITIONS = {}

    def can_become(self, status):
        """Whether the state machine allows moving from the current status to `status`."""
        return status in self.TRANSITIONS[self.Status(self.status)]
