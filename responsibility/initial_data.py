"""The report leaves both key decisions open (5.4, 5.5, section 8): each segment gets its
responsibility policy slot, "not yet decided", and the data-sharing choice starts undecided."""

from segments.models import Segment
from segments.seeding import seed_object

from .models import DataSharingSetting, ResponsibilityPolicy


def load(report):
    for segment in Segment.objects.all():
        seed_object(ResponsibilityPolicy, lookup={"segment": segment}, values={}, report=report)
    seed_object(DataSharingSetting, lookup={"pk": 1}, values={}, report=report)
