"""The yearly state grant: a municipality's grant year with its conditions, each centre's
status and evidence for the year, its annual report, and what the register says."""

from .register import RegisterDifference, RegisterRecord
from .report import AnnualReport, ReportActivity
from .status import CentreGrantStatus, ConditionAssessment, Result
from .year import ActivityCategory, Condition, GrantYear

__all__ = [
    "ActivityCategory",
    "AnnualReport",
    "CentreGrantStatus",
    "Condition",
    "ConditionAssessment",
    "GrantYear",
    "RegisterDifference",
    "RegisterRecord",
    "ReportActivity",
    "Result",
]
