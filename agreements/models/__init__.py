"""Cooperation agreements between a municipality and its centres.

A municipality keeps one common framework ("felles ramme") of numbered clauses
(`framework`); each agreement copies the framework's clauses as its common part and adds
local clauses for the centre (`agreement`). Both the framework and every agreement are
versioned: the live rows are the current text, and every saved change writes an immutable
snapshot (a version) that can be compared with any other and restored. An agreement moves
through its states only by the transitions of agreements.workflow, each taken by one side
and recorded as an event.
"""

from .agreement import (
    Agreement,
    AgreementClause,
    AgreementEvent,
    AgreementQuerySet,
    AgreementVersion,
    Comment,
)
from .framework import Framework, FrameworkClause, FrameworkVersion, Version

__all__ = [
    "Agreement",
    "AgreementClause",
    "AgreementEvent",
    "AgreementQuerySet",
    "AgreementVersion",
    "Comment",
    "Framework",
    "FrameworkClause",
    "FrameworkVersion",
    "Version",
]
