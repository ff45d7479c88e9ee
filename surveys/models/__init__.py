"""A survey the municipality sends to its centres, its questions, and the centres' answers.

Answers are rows, one per question, so results and exports aggregate in the database.
The models live in one module per part (the survey and its questions, a centre's
response and its answers, the themes of ranked lists); this package gathers them.
"""

from .deck import Deck, DeckFile, Slide
from .link import AnswerLink, AnswerLinkQuerySet
from .question import Question, QuestionQuerySet
from .response import (
    Answer,
    AnswerQuerySet,
    IncompleteResponse,
    ResponseLocked,
    StaleResponse,
    SurveyResponse,
    SurveyResponseQuerySet,
)
from .survey import Survey, SurveyQuerySet
from .theme import Theme, ThemeMember

__all__ = [
    "Answer",
    "AnswerLink",
    "AnswerLinkQuerySet",
    "Deck",
    "DeckFile",
    "AnswerQuerySet",
    "IncompleteResponse",
    "Question",
    "QuestionQuerySet",
    "ResponseLocked",
    "Slide",
    "StaleResponse",
    "Survey",
    "SurveyQuerySet",
    "SurveyResponse",
    "SurveyResponseQuerySet",
    "Theme",
    "ThemeMember",
]
