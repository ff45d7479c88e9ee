"""The meetings' workflows: saving a meeting with its rows, closing a follow-up."""

import datetime

from django.db import transaction

from frivillig.lib.formsets import save_in_displayed_order

from .models import FollowUp


@transaction.atomic
def save_meeting(edit_forms):
    """The meeting, its agenda in the order shown and its follow-ups, all or nothing."""
    meeting = edit_forms.meeting.save()
    save_in_displayed_order(edit_forms.agenda, meeting=meeting)
    edit_forms.follow_ups.save()
    return meeting


@transaction.atomic
def close_follow_up(*, follow_up: FollowUp, note: str, now: datetime.datetime) -> FollowUp:
    """Mark a follow-up as done, with a note of what was done and the day it was closed."""
    follow_up.done = True
    follow_up.done_note = note.strip()
    follow_up.done_on = now.date()
    follow_up.save(update_fields=["done", "done_note", "done_on"])
    return follow_up
