"""Forms of the version pages and the framework: picking two versions to compare, and
editing the framework's title, introduction and clauses."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from centres.forms import municipal_goal_choices
from frivillig.lib.formsets import ROW_LIMIT

from .forms import in_chosen_order
from .models import Framework, FrameworkClause


def version_label(version) -> str:
    """ "Versjon 3 – 12.11.2026 14:05, Kari Nordmann", for a select of versions."""
    when = date_format(timezone.localtime(version.created_at), "SHORT_DATETIME_FORMAT")
    label = _("Versjon %(number)s – %(when)s") % {"number": version.number, "when": when}
    if version.created_by:
        label = f"{label}, {version.created_by.get_full_name() or version.created_by}"
    return label


class VersionPickForm(forms.Form):
    """Which two versions to compare (GET ?fra=&til=). Only the versions that exist are
    choices, so a number that is not one of them is refused with a message."""

    fra = forms.TypedChoiceField(label=_("Fra versjon (eldre)"), coerce=int)
    til = forms.TypedChoiceField(label=_("Til versjon (nyere)"), coerce=int)

    error_messages = {
        "invalid_choice": _("«%(value)s» er ikke en av versjonene. Velg en versjon fra listen."),
        "required": _("Velg en versjon."),
    }

    def __init__(self, data, *, versions, initial=None):
        super().__init__(data, initial=initial, auto_id="compare_%s")
        choices = [(version.number, version_label(version)) for version in versions]
        for name in ("fra", "til"):
            self.fields[name].choices = choices
            self.fields[name].error_messages.update(self.error_messages)

    def clean(self):
        data = super().clean()
        older, newer = data.get("fra"), data.get("til")
        if older is not None and older == newer:
            self.add_error("til", _("Velg to ulike versjoner for å se hva som er endret."))
        return data

    def ordered(self) -> tuple[int, int]:
        """The chosen numbers, older first whichever way they were picked."""
        older, newer = self.cleaned_data["fra"], self.cleaned_data["til"]
        return min(older, newer), max(older, newer)


# --- the framework ---------------------------------------------------------------------


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class FrameworkClauseForm(forms.ModelForm):
    """A clause and its anchor. Goal and strategy are choices of the framework's own
    municipality, computed once for the whole formset, so a foreign id is refused."""

    goal = forms.TypedChoiceField(
        label=_("Kommunalt mål"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _("Velg et mål fra listen: bare mål i kommunens egne planer.")
        },
    )
    strategy = forms.TypedChoiceField(
        label=_("Kommunal strategi"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Velg en strategi fra listen: bare strategier i kommunens egne planer."
            )
        },
    )

    class Meta:
        model = FrameworkClause
        fields = ["order", "title", "text", "reference", "reference_url"]
        labels = {"order": _("Nummer"), "title": _("Overskrift"), "text": _("Tekst")}
        help_texts = {
            "order": "",
            "reference_url": _("Lenke til forskriften, planen eller dokumentet."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "order": forms.NumberInput(attrs={"class": "clause-order"}),
        }

    def __init__(self, *args, municipal_choices=((), ()), **kwargs):
        super().__init__(*args, **kwargs)
        goal_choices, strategy_choices = municipal_choices
        none = [("", _("Ingen"))]
        self.fields["goal"].choices = none + list(goal_choices)
        self.fields["strategy"].choices = none + list(strategy_choices)
        self.fields["order"].required = False
        # A new clause goes last unless given a number (not the model's default 0).
        self.fields["order"].initial = None
        if self.instance.pk:
            self.initial.setdefault("goal", self.instance.goal_id)
            self.initial.setdefault("strategy", self.instance.strategy_id)

    def save(self, commit=True):
        self.instance.goal_id = self.cleaned_data.get("goal")
        self.instance.strategy_id = self.cleaned_data.get("strategy")
        return super().save(commit=commit)


class BaseClauseFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (hasattr(form, "cleaned_data") and form.cleaned_data.get("DELETE"))
        ]
        if not kept and not any(form.errors for form in self.forms):
            raise forms.ValidationError(_("Den felles rammen må ha minst ett punkt."))


FrameworkClauseFormSet = forms.inlineformset_factory(
    Framework,
    FrameworkClause,
    form=FrameworkClauseForm,
    formset=BaseClauseFormSet,
    extra=1,
    can_delete=True,
    **ROW_LIMIT,
)


class FrameworkEditForms:
    """The framework, its clauses and the note, validated and shown together so an error
    anywhere keeps what was typed everywhere."""

    def __init__(self, framework, data=None):
        self.framework = framework
        self.main = FrameworkForm(data, instance=framework, prefix="framework")
        choices = municipal_goal_choices(framework.municipality_id)
        clauses = framework.clauses.order_by("order", "pk")
        self.clauses = FrameworkClauseFormSet(
            data,
            instance=framework,
            prefix="clauses",
            queryset=clauses,
            form_kwargs={"municipal_choices": choices},
        )
        if data is None and framework.current_version_id is None:
            # A new framework starts with room for a few clauses.
            self.clauses.extra = 3
        self.note_form = NoteForm(data, prefix="framework")

    @property
    def all(self):
        return [self.main, self.clauses, self.note_form]

    def is_valid(self) -> bool:
        # A list, not a generator: every form must validate so every error is shown.
        return all([form.is_valid() for form in self.all])

    def has_changed(self) -> bool:
        return self.main.has_changed() or self.clauses.has_changed()

    def apply(self) -> None:
        """Saves the title, introduction and clauses; called by services.save_framework
        inside its transaction. Clauses are numbered by their chosen number, ties kept
        in the order they are shown."""
        framework = self.main.save(commit=False)
        framework.save(update_fields=["title", "introduction"])
        self.clauses.save(commit=False)
        for obj in self.clauses.deleted_objects:
            obj.delete()
        for order, form in enumerate(in_chosen_order(self.clauses), 1):
            form.instance.framework = framework
            form.instance.order = order
            form.save()


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Hva er endret?"),
        max_length=300,
        required=False,
        help_text=_("Vises i versjonshistorikken, for eksempel «Nytt punkt om personvern»."),
    )


# A clause's form fields and the snapshot keys they are saved as.
_CLAUSE_FIELDS = [
    ("title", "title"),
    ("text", "text"),
    ("reference", "reference"),
    ("reference_url", "reference_url"),
    ("goal", "goal_id"),
    ("strategy", "strategy_id"),
]


def _same(value) -> str:
    # Browsers post textareas with CRLF; the snapshot may hold LF.
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def take_in_newer(data, forms: FrameworkEditForms, base: dict, latest: dict):
    """After a conflict: the posted data with the other person's changes taken in where
    this user left the field as it was in `base` (the version the form started from).
    What this user changed stays as typed. Returns the data and the clause titles (or
    field labels) that were updated."""
    data = data.copy()
    taken = []

    def take(name, before, after, label):
        if _same(data.get(name)) == _same(before) and _same(after) != _same(before):
            data[name] = "" if after is None else str(after)
            if label not in taken:
                taken.append(label)

    for key, label in (("title", _("Tittel")), ("introduction", _("Innledning"))):
        take(f"framework-{key}", base.get(key), latest.get(key), str(label))
    before = {c["key"]: c for c in base.get("clauses", [])}
    after = {c["key"]: c for c in latest.get("clauses", [])}
    for form in forms.clauses.forms:
        key = str(form.instance.key) if form.instance.pk else None
        if key not in before or key not in after:
            continue
        for field, snapshot_key in _CLAUSE_FIELDS:
            take(
                f"{form.prefix}-{field}",
                before[key].get(snapshot_key),
                after[key].get(snapshot_key),
                after[key]["title"],
            )
    return data, taken
