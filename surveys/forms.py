from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
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
        help_text=_("Ett alternativ per linje."),
    )
    condition = forms.ChoiceField(label=_("Plassering"), required=False)

    # The fields only some kinds use (Question.KIND_FIELDS); the others are cleared.
    KIND_FIELDS = [
        "rank_count",
        "max_length",
        "choices_text",
        "allow_other",
        "allow_comment",
        "scale_min",
        "scale_max",
        "scale_low",
        "scale_high",
        "unit",
        "number_min",
        "number_max",
        "profile_field",
    ]

    class Meta:
        model = Question
        fields = [
            "text",
            "kind",
            "help_text",
            "required",
            "rank_count",
            "max_length",
            "allow_other",
            "allow_comment",
            "scale_min",
            "scale_max",
            "scale_low",
            "scale_high",
            "unit",
            "number_min",
            "number_max",
            "profile_field",
        ]
        widgets = {
            "text": forms.TextInput(attrs={"size": 80}),
            "scale_min": forms.Select(choices=[(n, n) for n in Question.SCALE_STARTS]),
            "scale_max": forms.Select(choices=[(n, n) for n in Question.SCALE_ENDS]),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.instance
        survey = question.survey
        if not question.kind:
            self.initial["kind"] = Question.Kind.LONG_TEXT
        for name in self.KIND_FIELDS:
            # Required only for the kinds that use them: clean() decides.
            self.fields[name].required = False
        self.fields["profile_field"].label = _("Knyttet til sentralens profil")
        self.fields["profile_field"].choices = [
            ("", gettext("Nei, et vanlig spørsmål")),
            *Question.ProfileField.choices,
        ]
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

    # The builder's sections after the question itself: (legend, kinds, fields). The
    # script shows only the chosen kind's; without it each says which kinds use it.
    K = Question.Kind
    SECTIONS = [
        (_("Svaralternativer"), (K.SINGLE, K.MULTIPLE), ("choices_text", "allow_other")),
        (_("Utdyping"), Question.COMMENT_KINDS, ("allow_comment",)),
        (_("Rangert liste"), (K.RANKED,), ("rank_count", "profile_field")),
        (_("Skala"), (K.SCALE,), ("scale_min", "scale_max", "scale_low", "scale_high")),
        (_("Tall"), (K.NUMBER,), ("unit", "number_min", "number_max")),
        (_("Lengde på svaret"), (K.SHORT_TEXT, K.LONG_TEXT, K.RANKED), ("max_length",)),
    ]

    def kind_sections(self) -> list[dict]:
        labels = dict(Question.Kind.choices)
        return [
            {
                "legend": legend,
                "kinds": [str(k) for k in kinds],
                "kind_names": get_text_list(
                    [gettext("«%(kind)s»") % {"kind": labels[k]} for k in kinds], gettext("og")
                ),
                "fields": [self[name] for name in names],
            }
            for legend, kinds, names in self.SECTIONS
        ]

    def _clear_unused(self, kind, cleaned) -> None:
        """Fields the kind does not use: no error, and the model's default stored."""
        used = set(Question.KIND_FIELDS.get(kind, ()))
        if kind == Question.Kind.RANKED:
            used.add("profile_field")
        used |= {"choices_text"} if "choices" in used else set()
        for name in self.KIND_FIELDS:
            if name in used:
                continue
            self._errors.pop(name, None)
            if name != "choices_text":
                field = Question._meta.get_field(name)
                cleaned[name] = None if field.null else field.get_default()
        missing = cleaned.get("rank_count") is None and "rank_count" not in self._errors
        if kind == Question.Kind.RANKED and missing:
            self.add_error("rank_count", _("Skriv hvor mange punkter, fra 1 til 10."))
        profile = cleaned.get("profile_field")
        others = self.instance.survey.questions.exclude(pk=self.instance.pk)
        if profile and others.filter(profile_field=profile).exists():
            self.add_error(
                "profile_field",
                _("Et annet spørsmål i undersøkelsen er allerede knyttet til dette."),
            )
        if kind == Question.Kind.SCALE:
            for name in ("scale_min", "scale_max"):
                if cleaned.get(name) is None and name not in self._errors:
                    cleaned[name] = Question._meta.get_field(name).get_default()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        self._clear_unused(kind, cleaned)
        choices = [
            line.strip() for line in cleaned.get("choices_text", "").splitlines() if line.strip()
        ]
        if kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            choices = []  # typed for another kind: kept on the page, not checked or stored
        if len(set(choices)) != len(choices):
            self.add_error("choices_text", _("Hvert svaralternativ kan stå bare én gang."))
        if Question.OTHER in choices:
            self.add_error("choices_text", _("Velg «Annet (skriv inn)» i avkrysningsboksen under."))
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
            offered = Question(
                kind=kind,
                choices=self.instance.choices,
                scale_min=cleaned.get("scale_min") or 0,
                scale_max=cleaned.get("scale_max") or 10,
            ).option_values()
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
