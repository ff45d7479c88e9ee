from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

from .models import Question, Survey
from .questions import condition_label, display_order


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "round", "deadline", "meeting"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the municipality's own meetings can be linked; anything else is refused.
        self.fields["meeting"].queryset = Meeting.objects.filter(
            municipality_id=self.instance.municipality_id
        ).order_by("-date")
        self.fields["meeting"].label = _("Dialogmøte")
        self.fields["meeting"].empty_label = _("Ikke knyttet til et møte")


class QuestionForm(forms.ModelForm):
    """A question; `condition` chooses both the main question a follow-up belongs to and
    the answer that shows it, as one select that works without JavaScript."""

    choices_text = forms.CharField(
        label=_("Svaralternativer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ett alternativ per linje. Gjelder «Ett valg» og «Flere valg»."),
    )
    condition = forms.ChoiceField(label=_("Plassering"), required=False)

    class Meta:
        model = Question
        fields = ["text", "kind", "help_text", "required", "rank_count", "max_length"]
        widgets = {"text": forms.TextInput(attrs={"size": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.instance
        survey = question.survey
        if not question.kind:
            self.initial["kind"] = Question.Kind.LONG_TEXT
        others = [q for q in survey.questions.all() if q.pk != question.pk]
        mains = [q for q in display_order(others) if not q.parent_id]
        if question.pk and question.follow_ups.exists():
            mains = []  # a question with its own follow-ups stays a main question
        options = [("", gettext("Hovedspørsmål"))]
        for main in mains:
            group = [(f"{main.pk}:", gettext("Alltid"))]
            for value in main.option_values():
                label = gettext("Når svaret er «%(value)s»") % {
                    "value": condition_label(main, value)
                }
                group.append((f"{main.pk}:{value}", label))
            options.append((f"{main.number}. {main.text}", group))
        self.fields["condition"].choices = options
        self.fields["condition"].help_text = _(
            "Et oppfølgingsspørsmål hører til et tidligere hovedspørsmål og kan vises bare "
            "når det har et bestemt svar."
        )
        if question.parent_id:
            self.initial["condition"] = f"{question.parent_id}:{question.show_when}"
        self.initial.setdefault("choices_text", "\n".join(question.choices))
        self._mains = {str(m.pk): m for m in mains}

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        choices = [
            line.strip() for line in cleaned.get("choices_text", "").splitlines() if line.strip()
        ]
        if len(set(choices)) != len(choices):
            self.add_error("choices_text", _("Hvert svaralternativ kan stå bare én gang."))
        # A follow-up stores the option that shows it (show_when), so an option must fit.
        limit = Question._meta.get_field("show_when").max_length
        if any(len(choice) > limit for choice in choices):
            self.add_error(
                "choices_text",
                _("Hvert svaralternativ kan være høyst %(limit)s tegn.") % {"limit": limit},
            )
        self.instance.choices = (
            choices if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else []
        )
        if self.instance.pk and kind:
            # Follow-ups hang on this question's answers; a new kind must still offer them.
            offered = Question(kind=kind, choices=self.instance.choices).option_values()
            for follow_up in self.instance.follow_ups.all():
                if follow_up.show_when and follow_up.show_when not in offered:
                    self.add_error(
                        "kind",
                        _(
                            "Oppfølgingsspørsmålet «%(text)s» vises når svaret er «%(value)s». "
                            "Endre eller slett det først."
                        )
                        % {
                            "text": follow_up.text,
                            "value": condition_label(self.instance, follow_up.show_when),
                        },
                    )
        parent_pk, _sep, show_when = (cleaned.get("condition") or "").partition(":")
        parent = self._mains.get(parent_pk)
        self.instance.parent = parent
        self.instance.show_when = show_when if parent else ""
        return cleaned

    # Model.clean names its own fields; show those errors next to the fields of this form.
    MODEL_TO_FORM_FIELD = {
        "choices": "choices_text",
        "parent": "condition",
        "show_when": "condition",
    }

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {self.MODEL_TO_FORM_FIELD.get(k, k): v for k, v in errors.error_dict.items()}
            )
        super()._update_errors(errors)
