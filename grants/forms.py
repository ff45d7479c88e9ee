"""The forms of a grant year: a centre's evidence, the coordinator's assessment and
decision, the annual report with its activities and its accounts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centres.validators import validate_org_number
from frivillig.lib.forms import row_helper
from frivillig.lib.formsets import ordered_inlineformset_factory

from .models import (
    ActivityCategory,
    AnnualReport,
    CentreGrantStatus,
    ReportActivity,
    Result,
)

# The approved accounts: a PDF of at most this size.
MAX_ACCOUNTS_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class EvidenceForm(forms.ModelForm):
    host_org_number = forms.CharField(
        label=_("Vertsorganisasjonens organisasjonsnummer"),
        max_length=9,
        required=False,
        validators=[validate_org_number],
        help_text=_("For en sentral uten eget organisasjonsnummer: registeret slås opp på dette."),
    )

    class Meta:
        model = CentreGrantStatus
        fields = [
            "owner_name",
            "owner_org_number",
            "owner_in_register",
            "advisory_members",
            "premises",
            "fte",
            "income_municipality",
            "income_other_public",
            "income_private",
            "income_own",
        ]
        widgets = {
            "advisory_members": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, host_org_number="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_org_number"].initial = host_org_number
        self.fields["owner_org_number"].validators.append(validate_org_number)
        # A decimal comma, as Norwegians write it: a text field (a number input would
        # show "1,50" as empty), read and shown in the language's format.
        fte = self.fields["fte"]
        fte.localize = True
        fte.widget = forms.TextInput(attrs={"inputmode": "decimal"})
        fte.widget.is_localized = True
        fte.help_text = _("Som desimaltall, for eksempel 1,5.")

    def clean_fte(self):
        fte = self.cleaned_data.get("fte")
        if fte is not None and fte < 0:
            raise forms.ValidationError(_("Årsverk kan ikke være negativt."))
        return fte


class AssessmentForm(forms.Form):
    """One result and one note per condition of the year."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            pk = line.condition.pk
            self.fields[f"result_{pk}"] = forms.ChoiceField(
                label=line.condition.text,
                choices=Result.choices,
                initial=line.assessment.result if line.assessment else Result.NOT_ASSESSED,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("Merknad"),
                max_length=500,
                required=False,
                initial=line.note,
            )

    def rows(self):
        return [
            (line, self[f"result_{line.condition.pk}"], self[f"note_{line.condition.pk}"])
            for line in self.lines
        ]

    def results(self) -> dict:
        return {
            line.condition.pk: (
                self.cleaned_data[f"result_{line.condition.pk}"],
                self.cleaned_data[f"note_{line.condition.pk}"].strip(),
            )
            for line in self.lines
        }


class DecisionForm(forms.Form):
    exclude = forms.TypedChoiceField(
        label=_("Vedtak"),
        choices=[
            ("yes", _("Sentralen tas ikke med i søknaden")),
            ("no", _("Sentralen tas med i søknaden")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Begrunnelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvilke vilkår som ikke er oppfylt, og hvorfor. Sentralen får den tilsendt."),
    )
    decided_on = forms.DateField(
        label=_("Vedtaksdato"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("exclude") and not (cleaned.get("reasons") or "").strip():
            self.add_error(
                "reasons", _("Skriv begrunnelsen: sentralen har rett til å få vite hvorfor.")
            )
        return cleaned


class AnnualReportForm(forms.ModelForm):
    accounts_file = forms.FileField(
        label=_("Godkjent regnskap (PDF)"),
        required=False,
        help_text=_("En PDF-fil på høyst 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = AnnualReport
        fields = [
            "summary",
            "target_groups",
            "goals_and_results",
            "partners",
            "municipality_meetings",
            "survey_answers",
            "volunteers",
            "volunteer_hours",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "summary",
                "target_groups",
                "goals_and_results",
                "partners",
                "municipality_meetings",
                "survey_answers",
            )
        }

    def clean_accounts_file(self):
        upload = self.cleaned_data.get("accounts_file")
        if not upload:
            return None
        if upload.size > MAX_ACCOUNTS_BYTES:
            raise forms.ValidationError(
                _("Filen er for stor (høyst 10 MB). Velg filen på nytt når den er mindre.")
            )
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head != PDF_MAGIC:
            raise forms.ValidationError(_("Filen er ikke en PDF. Last opp regnskapet som PDF-fil."))
        return upload


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ReportActivity
        fields = ["category", "name", "participants"]


def activity_formset(municipality_id):
    categories = ActivityCategory.objects.filter(municipality_id=municipality_id)
    formset = ordered_inlineformset_factory(
        AnnualReport, ReportActivity, form=ActivityForm, extra=2
    )

    class ActivityFormSet(formset):
        def _category_choices(self):
            # Read once for all the rows, not once per row's select.
            if not hasattr(self, "_choices"):
                self._choices = [("", "---------")] + [(c.pk, c.name) for c in categories]
            return self._choices

        def _construct_form(self, i, **kwargs):
            form = super()._construct_form(i, **kwargs)
            form.fields["category"].queryset = categories
            form.fields["category"].choices = self._category_choices()
            form.helper = row_helper(
                ("category", "col-md-4"), ("name", "col-md-5"), ("participants", "col-md-3")
            )
            return form

        @property
        def empty_form(self):
            form = super().empty_form
            form.fields["category"].queryset = categories
            return form

    return ActivityFormSet
