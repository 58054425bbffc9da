"""A synthetic national data set of companies (`generate_companies`): invented companies,
deterministic for a seed and marked `is_synthetic`, for trying the yearly re-segmentation,
the lists and the admin at national scale (about 400,000 companies) without real customer data.

The numbers follow the shape of Finland's company population — a pyramid of mostly small local
companies and few large ones, regions weighted by population, three years of values that grow
so that each yearly run moves a few percent of the companies — but no company is real: every
Y-tunnus is from the 9-series (9000000-…), which the registry has not reached, and every name
begins "Testiyritys".

- population: the data tables of that shape;
- business_ids: the 9-series Y-tunnukset;
- generator: the companies and their values, from one seeded random stream (no database);
- demo_rules: the demo rules of the five company segments, evaluated in Python;
- prerequisites, companies, demo_criteria, removal: writing to the database and removing.
"""

from .business_ids import CAPACITY, business_ids
from .companies import (
    DEFAULT_CHUNK,
    DEFAULT_COUNT,
    DEFAULT_SEED,
    GenerateReport,
    companies_generate,
)
from .demo_criteria import DEMO_RULES_REASON, demo_rules_apply
from .demo_rules import DEMO_RULES, DEMO_TEXTS, compile_rule, demo_placement
from .generator import SyntheticCompany, generate
from .population import COMPANY_SEGMENTS, MUNICIPALITIES, REGION_WEIGHTS, YEARS
from .prerequisites import (
    ATTRIBUTE_CODES,
    ATTRIBUTE_REASON,
    ATTRIBUTES,
    SyntheticDataError,
    attributes_ensure,
)
from .removal import synthetic_delete

__all__ = [
    "ATTRIBUTES",
    "ATTRIBUTE_CODES",
    "ATTRIBUTE_REASON",
    "CAPACITY",
    "COMPANY_SEGMENTS",
    "DEFAULT_CHUNK",
    "DEFAULT_COUNT",
    "DEFAULT_SEED",
    "DEMO_RULES",
    "DEMO_RULES_REASON",
    "DEMO_TEXTS",
    "MUNICIPALITIES",
    "REGION_WEIGHTS",
    "YEARS",
    "GenerateReport",
    "SyntheticCompany",
    "SyntheticDataError",
    "attributes_ensure",
    "business_ids",
    "companies_generate",
    "compile_rule",
    "demo_placement",
    "demo_rules_apply",
    "generate",
    "synthetic_delete",
]
