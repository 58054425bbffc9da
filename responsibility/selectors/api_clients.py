"""Reads of the integration API's clients: a key by its prefix, with its client and the
client's organisation, in one query."""

from ..models import ApiKey


def api_key_by_prefix(prefix):
    """The key with this prefix, its client, organisation and viewer joined, or None."""
    return (
        ApiKey.objects.select_related("client__organisation", "client__viewer")
        .filter(prefix=prefix)
        .first()
    )
