"""Who the customers are: regions, segments and their content, companies and their placement."""

from .company import Attribute, AttributeValue, Company, company_url
from .placement import ManualPlacement
from .resegmentation import ResegmentationRun, RunEntry, SegmentTransition
from .segment import (
    ONE_CONFIRMED_PROMISE_MESSAGE,
    Criterion,
    Goal,
    Region,
    ReviewStatus,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)
from .upload import ValueUpload

__all__ = [
    "ONE_CONFIRMED_PROMISE_MESSAGE",
    "Attribute",
    "AttributeValue",
    "Company",
    "Criterion",
    "Goal",
    "ManualPlacement",
    "Region",
    "ResegmentationRun",
    "ReviewStatus",
    "RunEntry",
    "Segment",
    "SegmentAlias",
    "SegmentTransition",
    "ServicePromise",
    "Strategy",
    "ValueUpload",
    "company_url",
]
