import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from frivillig.lib.forms import IdsChoiceField
from frivillig.lib.formsets import ROW_LIMIT
from frivillig.lib.posted import whole_number
from plans.models import Goal

from .models import Agreement, AgreementClause, AgreementVersion, Comment

DATE_WIDGET = {"type": "date"}


def plain_lines(text: str) -> str:
    """Browsers send a textarea's line breaks as CRLF; the saved text (and so every
    comparison of versions) uses LF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A new agreement runs two whole years from next New Year."""
    return datetime.date(today.year + 1, 1, 1), datetime.date(today.year + 2, 12, 31)


class PeriodCleanMixin:
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error(
                "valid_to",
                _("Sluttdatoen kan ikke være før startdatoen (%(start)s).")
                % {"start": date_format(start, "SHORT_DATE_FORMAT")},
            )
        return cleaned


class AgreementCreateForm(PeriodCleanMixin, forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Frivilligsentral"),
        queryset=None,
        empty_label=_("Velg sentral"),
        error_messages={
            "required": _("Velg hvilken frivilligsentral avtalen gjelder."),
            "invalid_choice": _("Velg en av kommunens frivilligsentraler."),
        },
    )
    valid_from = forms.DateField(
        label=_("Gjelder fra"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={
            "required": _("Skriv når avtalen begynner å gjelde."),
            "invalid": _("Skriv en gyldig dato, for eksempel 01.01.2027."),
        },
    )
    valid_to = forms.DateField(
        label=_("Gjelder til"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={
            "required": _("Skriv når avtalen slutter å gjelde."),
            "invalid": _("Skriv en gyldig dato, for eksempel 31.12.2028."),
        },
    )
    title = forms.CharField(
        label=_("Tittel"),
        max_length=200,
        required=False,
        help_text=_("La stå tomt for «Samarbeidsavtale mellom … kommune og …»."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the municipality's own centres can be chosen; anything else is refused.
        field = self.fields["centre"]
        field.queryset = centres
        if len({centre.municipality_id for centre in centres}) > 1:
            # An administrator sees every municipality's centres: say whose each is.
            field.label_from_instance = lambda c: f"{c.name} ({c.municipality.name})"


class AgreementForm(PeriodCleanMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "valid_from",
            "valid_to",
            "municipality_signatory",
            "municipality_signatory_title",
            "centre_signatory",
            "centre_signatory_title",
            "grant_amount",
            "premises",
            "contact_person",
            "meeting_frequency",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "premises": forms.Textarea(attrs={"rows": 3}),
            "grant_amount": forms.NumberInput(attrs={"min": 0, "step": 1000}),
        }
        error_messages = {
            "title": {"required": _("Avtalen må ha en tittel.")},
            "valid_from": {"required": _("Skriv når avtalen begynner å gjelde.")},
            "valid_to": {"required": _("Skriv når avtalen slutter å gjelde.")},
            "grant_amount": {
                "invalid": _("Skriv beløpet i hele kroner, uten mellomrom eller «kr»."),
                "min_value": _("Beløpet kan ikke være negativt."),
            },
        }

    def clean_premises(self):
        return plain_lines(self.cleaned_data["premises"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant_amount"].help_text = _("I hele kroner per år. La stå tomt om ukjent.")


class LocalClauseForm(forms.ModelForm):
    """A local clause; `order` is its number in the agreement, which moves it."""

    order = forms.IntegerField(
        label=_("Nr."),
        required=False,
        min_value=1,
        error_messages={"min_value": _("Nummeret må være 1 eller mer.")},
    )
    goals = IdsChoiceField(
        label=_("Kommunale mål punktet bidrar til"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("Hold inne Ctrl (Cmd på Mac) for å velge flere."),
    )

    class Meta:
        model = AgreementClause
        fields = ["order", "title", "text", "goals"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "title": {"required": _("Punktet må ha en overskrift.")},
            "text": {"required": _("Skriv teksten i punktet.")},
        }

    def clean_text(self):
        return plain_lines(self.cleaned_data["text"])

    def __init__(self, *args, goals=None, goal_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["goals"]
        field.queryset = goals if goals is not None else Goal.objects.none()
        # The choices are read once for all rows instead of once per row.
        field.choices = goal_choices


def in_chosen_order(formset) -> list:
    """The clause rows to keep, in the order the user asked for with their number («Nr.»):
    by number, ties in the order shown, a row without a number last. Django's can_order
    sorts the same way but numbers the rows 1, 2, … itself; here the number is the
    clause's own, as the agreement and the framework print it."""
    kept = [
        (index, form)
        for index, form in enumerate(formset.forms)
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
    ]
    last = 10_000
    kept.sort(key=lambda pair: (pair[1].cleaned_data.get("order") or last, pair[0]))
    return [form for _index, form in kept]


class BaseLocalClauseFormSet(forms.BaseInlineFormSet):
    def get_queryset(self):
        # Evaluated once: the formset asks for its queryset once per row.
        if not hasattr(self, "_local_clauses"):
            self._local_clauses = (
                super()
                .get_queryset()
                .filter(kind=AgreementClause.Kind.LOCAL)
                .prefetch_related("goals")
                .order_by("order", "pk")
            )
        return self._local_clauses

    def save_in_order(self, agreement, *, first: int) -> None:
        """Local clauses follow the common ones, numbered from `first`."""
        for form in self.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
        for number, form in enumerate(in_chosen_order(self), first):
            clause = form.save(commit=False)
            clause.agreement = agreement
            clause.kind = AgreementClause.Kind.LOCAL
            clause.order = number
            clause.save()
            form.save_m2m()


LocalClauseFormSet = forms.inlineformset_factory(
    Agreement,
    AgreementClause,
    form=LocalClauseForm,
    formset=BaseLocalClauseFormSet,
    extra=1,
    can_delete=True,
    **ROW_LIMIT,
)


def rebase_clause_rows(data, *, prefix: str, existing_ids: set, untouched: set):
    """The posted clause rows made to fit the agreement as it is now, after someone else
    saved: a row whose clause they deleted becomes a new row if this user changed it (so
    the text is kept) and is dropped if not (so their deletion stands)."""
    total = _form_count(data.get(f"{prefix}-TOTAL_FORMS"))
    initial = _form_count(data.get(f"{prefix}-INITIAL_FORMS"))
    if total is None or initial is None:
        # Not what the page posts: left to the formset, which reports it as an error.
        return data
    data = data.copy()
    marker = f"{prefix}-"
    rows = []
    for index in range(total):
        head = f"{prefix}-{index}-"
        rows.append({key[len(head) :]: data.getlist(key) for key in data if key.startswith(head)})
    kept, revived, extra = [], [], []
    for index, row in enumerate(rows):
        pk = (row.get("id") or [""])[0]
        if index >= initial:
            extra.append(row)
        elif whole_number(pk) in existing_ids:
            kept.append(row)
        elif not row.get("DELETE"):
            typed = (
                (row.get("title") or [""])[0].strip(),
                plain_lines((row.get("text") or [""])[0]).strip(),
            )
            if typed not in {(t.strip(), x.strip()) for t, x in untouched}:
                row.pop("id", None)
                revived.append(row)
    for key in [k for k in data if k.startswith(marker) and k[len(marker) :][:1].isdigit()]:
        del data[key]
    for index, row in enumerate(kept + revived + extra):
        for name, values in row.items():
            data.setlist(f"{prefix}-{index}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(kept) + len(revived) + len(extra))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    return data


def _form_count(value) -> int | None:
    """A formset's posted row count, if it is one a formset would accept."""
    number = whole_number(value or "0")
    return number if number is not None and number <= forms.formsets.DEFAULT_MAX_NUM else None


def goal_choices(goals) -> list[tuple[int, str]]:
    return [(goal.pk, f"{goal.plan.title}: {goal}") for goal in goals]


class AgreementEditForms:
    """The agreement's fields and its local clauses, validated and saved together."""

    def __init__(self, agreement, data=None):
        goals = Goal.objects.filter(plan__municipality_id=agreement.municipality_id).select_related(
            "plan"
        )
        self.agreement = AgreementForm(data, instance=agreement, prefix="avtale")
        self.clauses = LocalClauseFormSet(
            data,
            instance=agreement,
            prefix="punkt",
            form_kwargs={"goals": goals, "goal_choices": goal_choices(goals)},
        )
        self.note = VersionNoteForm(data)

    def is_valid(self) -> bool:
        return all([self.agreement.is_valid(), self.clauses.is_valid(), self.note.is_valid()])

    def save(self, *, common_count: int) -> None:
        # Only the form's own fields: status and revision belong to the services.
        self.agreement.save(commit=False).save(update_fields=AgreementForm.Meta.fields)
        self.clauses.save_in_order(self.agreement.instance, first=common_count + 1)


class VersionNoteForm(forms.Form):
    """What changed, for the version history; checked like every other field (a NUL or
    an over-long note is an error next to it, not a database error or a cut note)."""

    note = forms.CharField(
        label=_("Hva har du endret? (valgfritt)"),
        max_length=AgreementVersion._meta.get_field("note").max_length,
        required=False,
        help_text=_("Vises i versjonshistorikken, for eksempel «Lagt inn møter i nærmiljøforum»."),
    )


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=Comment.MAX_LENGTH, strip=True
    )
    signed_on = forms.DateField(
        label=_("Signert dato"),
        required=False,
        error_messages={"invalid": _("Skriv en gyldig dato, for eksempel 15.01.2027.")},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=Comment.MAX_LENGTH,
        error_messages={
            "required": _("Skriv en kommentar før du sender."),
            "max_length": _(
                "Kommentaren kan være på høyst %(limit_value)d tegn (den er %(show_value)d)."
            ),
        },
    )
    clause = forms.UUIDField(required=False)
    parent = forms.IntegerField(required=False)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement

    def clean_clause(self):
        key = self.cleaned_data.get("clause")
        if key is None:
            return None
        clause = self.agreement.clauses.filter(key=key).first()
        if clause is None:
            raise forms.ValidationError(_("Punktet finnes ikke lenger i avtalen."))
        return clause

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        if pk is None:
            return None
        parent = self.agreement.comments.filter(pk=pk).first()
        if parent is None:
            raise forms.ValidationError(_("Kommentaren du svarer på, finnes ikke lenger."))
        return parent

    @property
    def target(self) -> str:
        """Which form on the page this was: a reply, a clause's or the whole agreement's."""
        if self.data.get("parent"):
            return f"svar-{self.data['parent']}"
        if self.data.get("clause"):
            return f"punkt-{self.data['clause']}"
        return "avtalen"
