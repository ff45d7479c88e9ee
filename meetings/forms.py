from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.lib.forms import IdsChoiceField, row_helper
from frivillig.lib.formsets import ROW_LIMIT, ordered_inlineformset_factory

from .models import AgendaItem, FollowUp, Meeting


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "start_time", "end_time", "location", "centres", "notes"]
        field_classes = {"centres": IdsChoiceField}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "centres": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the municipality's own centres can be chosen; anything else is refused.
        self.fields["centres"].queryset = centres
        self.fields["centres"].help_text = _(
            "Fellesmøter og dialogmøter gjelder alle sentralene; et besøk gjelder én."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Meeting.Kind.VISIT and len(cleaned.get("centres") or []) != 1:
            self.add_error("centres", _("Et besøk gjelder én frivilligsentral. Velg én."))
        return cleaned


class AgendaItemForm(forms.ModelForm):
    helper = row_helper(("title", "col-md-6"), ("presenter", "col-md-4"), ("is_break", "col-md-2"))

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "is_break"]


class FollowUpForm(forms.ModelForm):
    helper = row_helper(
        ("text", "col-md-5"),
        ("responsible", "col-md-3"),
        ("due_date", "col-md-2"),
        ("done", "col-md-2"),
    )

    class Meta:
        model = FollowUp
        fields = ["text", "responsible", "due_date", "done"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


# Without JavaScript the page offers empty rows to fill in: enough for a whole agenda (the
# seed's has six items) in one save. static/js/rows.js adds rows as they are needed.
AgendaFormSet = ordered_inlineformset_factory(Meeting, AgendaItem, form=AgendaItemForm, extra=6)
# Follow-ups are listed by status and due date, not in an order of their own.
FollowUpFormSet = forms.inlineformset_factory(
    Meeting,
    FollowUp,
    form=FollowUpForm,
    extra=3,
    can_delete=True,
    **ROW_LIMIT,
)


class MeetingEditForms:
    def __init__(self, meeting, data=None, *, centres, initial=None):
        self.meeting = MeetingForm(
            data, instance=meeting, centres=centres, prefix="meeting", initial=initial
        )
        self.agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
        self.follow_ups = FollowUpFormSet(data, instance=meeting, prefix="followups")

    def is_valid(self) -> bool:
        return all([self.meeting.is_valid(), self.agenda.is_valid(), self.follow_ups.is_valid()])


class CloseFollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("Hva ble gjort?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv kort hva som ble gjort.")},
    )


class MeetingFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("År"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Alle år"))] + [(y, y) for y in years]
        self.fields["kind"].choices = [("", _("Alle typer")), *Meeting.Kind.choices]
