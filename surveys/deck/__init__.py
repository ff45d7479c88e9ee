"""The dialogue-meeting deck: what it shows (data), its slides made for a projector
(slides, build), its charts (charts), the saved deck the coordinator edits (saved), and
its exports (pptx; the PDF renders the same slides through frivillig.lib.pdf)."""

from .data import deck_context

__all__ = ["deck_context"]
