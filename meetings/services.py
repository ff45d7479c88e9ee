from django.db import transaction

from frivillig.lib.formsets import save_in_displayed_order


@transaction.atomic
def save_meeting(edit_forms):
    """The meeting, its agenda in the order shown and its follow-ups, all or nothing."""
    meeting = edit_forms.meeting.save()
    save_in_displayed_order(edit_forms.agenda, meeting=meeting)
    edit_forms.follow_ups.save()
    return meeting
