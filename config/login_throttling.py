"""Login throttling with a limit per parameter combination (django-axes).

django-axes counts failures for each combination in AXES_LOCKOUT_PARAMETERS but compares
them all with one AXES_FAILURE_LIMIT. Here each combination has its own limit:

- (username, address): few (5), so that a mistyped password locks only that person there;
- address alone: more (AXES_ADDRESS_FAILURE_LIMIT), so that password spraying (one password
  over many usernames from one address) is stopped, while a TE-centre behind one NAT is not
  locked out by a few colleagues' typos;
- username alone: AXES_USERNAME_FAILURE_LIMIT, against guessing one account from many
  addresses.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _limit_of(parameter):
    if parameter == "ip_address":
        return settings.AXES_ADDRESS_FAILURE_LIMIT
    if parameter == "username":
        return settings.AXES_USERNAME_FAILURE_LIMIT
    return None  # a combination: AXES_FAILURE_LIMIT


class LimitPerParameterHandler(AxesDatabaseHandler):
    """AxesDatabaseHandler whose parameter combinations lock at their own limits."""

    def get_failures(self, request, credentials=None):
        # Axes locks when get_failures() reaches AXES_FAILURE_LIMIT; each combination's count
        # is scaled so that it reaches it exactly at that combination's own limit.
        base = get_failure_limit(request, credentials)
        worst = 0
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            limit = _limit_of(parameter) or base
            worst = max(worst, failures * base // limit)
        return worst

    def reset_user_attempts(self, request, credentials=None):
        # A successful login clears that person's failures from that address only: resetting
        # every combination would let a sprayer who owns one account clear the address's count.
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted


def client_address(request):
    """The client's address for throttling: behind TRUSTED_PROXY_COUNT proxies that each
    append to X-Forwarded-For, the entry that many from the right (what the client wrote
    itself, further left, is not trusted); without proxies, the connection's address."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")
