from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from frivillig.lib.forms import row_helper
from frivillig.lib.formsets import ordered_inlineformset_factory
from plans.models import Goal

from .models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal
from .validators import normalise_org_number

LEADER_FIELDS = [
    "org_number",
    "street_address",
    "postal_code",
    "postal_place",
    "email",
    "phone",
    "website",
    "cooperation_summary",
]
# Whether the centre is archived is not a field: it has its own buttons (archive_centre).
REGISTRY_FIELDS = ["name", "district", "organisation_model", "status_note"]

postal_code_validator = RegexValidator(r"^\d{4}$", _("Postnummeret må ha fire sifre."))


class CentreProfileForm(forms.ModelForm):
    """The centre's own facts. Registry fields exist only for the coordinator, so a
    leader's POST cannot set them: fields missing from the form are never saved."""

    # Wider than the stored nine digits: people type "974 775 018".
    org_number = forms.CharField(
        label=_("Organisasjonsnummer"),
        max_length=20,
        required=False,
        help_text=Centre._meta.get_field("org_number").help_text,
    )

    class Meta:
        model = Centre
        fields = REGISTRY_FIELDS + LEADER_FIELDS
        widgets = {"cooperation_summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, registry_fields: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not registry_fields:
            for name in REGISTRY_FIELDS:
                del self.fields[name]
        self.fields["postal_code"].validators.append(postal_code_validator)
        self.helper = self._layout(registry_fields)
        self.fields["org_number"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["postal_code"].widget.attrs.update(inputmode="numeric")

    @staticmethod
    def _layout(registry_fields: bool) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        registry = (
            [
                Row(Column("name", css_class="col-md-6"), Column("district", css_class="col-md-6")),
                Row(
                    Column("organisation_model", css_class="col-md-6"),
                    Column("status_note", css_class="col-md-6"),
                ),
            ]
            if registry_fields
            else []
        )
        helper.layout = Layout(
            *registry,
            Row(
                Column("org_number", css_class="col-md-6"),
                Column("website", css_class="col-md-6"),
            ),
            Row(
                Column("street_address", css_class="col-md-6"),
                Column("postal_code", css_class="col-md-2"),
                Column("postal_place", css_class="col-md-4"),
            ),
            Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            "cooperation_summary",
        )
        return helper

    def clean_org_number(self):
        value = self.cleaned_data["org_number"]
        return normalise_org_number(value) if value.strip() else ""


class CentreCreateForm(CentreProfileForm):
    """A new centre: the registry fields and the centre's facts. The rest of the profile
    (target groups, goals, partners, contacts) is filled in on the edit page after."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, registry_fields=True, **kwargs)
        self.helper.form_tag = False


class TargetGroupForm(forms.Form):
    name = forms.CharField(label=_("Målgruppe"), max_length=200, required=False)


class BaseTargetGroupFormSet(forms.BaseFormSet):
    """Ranked: the first row is the most important. Blank rows are skipped."""

    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            name = form.cleaned_data.get("name", "").strip()
            if not name:
                continue
            key = name.casefold()
            if key in seen:
                form.add_error(
                    "name",
                    _("«%(name)s» står allerede som nummer %(rank)s.")
                    % {"name": name, "rank": seen[key]},
                )
            else:
                seen[key] = len(seen) + 1

    def names(self) -> list[str]:
        return [
            form.cleaned_data["name"].strip()
            for form in self.forms
            if form.cleaned_data.get("name", "").strip()
        ]


# Ranked by place, but not with can_order: Django's ordered_forms leaves out the unchanged
# rows past the posted INITIAL_FORMS, and these rows are compared with the saved names, so
# an unchanged list posted again would lose its groups.
TargetGroupFormSet = forms.formset_factory(
    TargetGroupForm, formset=BaseTargetGroupFormSet, extra=0, min_num=5, max_num=5
)


class GoalPeriodForm(forms.ModelForm):
    class Meta:
        model = GoalPeriod
        fields = ["start_year", "end_year", "motto"]

    def validate_unique(self):
        # The centre is not a form field, so Django would skip the (centre, years)
        # constraint; the view sets instance.centre before validation.
        if self.has_error("end_year") or self.has_error("start_year"):
            return
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            self._update_errors(error)


def municipal_goal_choices(municipality_id) -> tuple[list, list]:
    """The municipality's own goals and strategies, read in one query (goals joined to
    their strategies) for every goal row of the page."""
    rows = (
        Goal.objects.filter(plan__municipality_id=municipality_id)
        .order_by("plan__title", "number", "strategies__number")
        .values_list(
            "pk",
            "number",
            "title",
            "plan__title",
            "strategies__pk",
            "strategies__number",
            "strategies__text",
        )
    )
    goals, strategies = {}, []
    for pk, number, title, plan, strategy_pk, strategy_number, strategy_text in rows:
        goals.setdefault(
            pk,
            _("%(plan)s – Mål %(number)s: %(title)s")
            % {"plan": plan, "number": number, "title": title},
        )
        if strategy_pk is not None:
            strategies.append(
                (
                    strategy_pk,
                    _("%(plan)s – Mål %(goal)s, strategi %(number)s: %(text)s")
                    % {
                        "plan": plan,
                        "goal": number,
                        "number": strategy_number,
                        "text": strategy_text,
                    },
                )
            )
    return list(goals.items()), strategies


class PeriodGoalForm(forms.ModelForm):
    """A centre goal and the municipal goals and strategies it works towards. The
    choices hold only the centre's municipality, so a foreign id is refused."""

    municipal_goals = forms.TypedMultipleChoiceField(
        label=_("Kommunale mål sentralen arbeider for"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipal_strategies = forms.TypedMultipleChoiceField(
        label=_("Kommunale strategier sentralen arbeider for"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PeriodGoal
        fields = ["text", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, municipal_choices=((), ()), **kwargs):
        super().__init__(*args, **kwargs)
        goal_choices, strategy_choices = municipal_choices
        self.fields["municipal_goals"].choices = goal_choices
        self.fields["municipal_strategies"].choices = strategy_choices
        if self.instance.pk and (goal_choices or strategy_choices):
            # Prefetched by CentreEditForms, so no query per row.
            self.initial["municipal_goals"] = [g.pk for g in self.instance.municipal_goals.all()]
            self.initial["municipal_strategies"] = [
                s.pk for s in self.instance.municipal_strategies.all()
            ]
        if not goal_choices:
            del self.fields["municipal_goals"]
        if not strategy_choices:
            del self.fields["municipal_strategies"]

    def save_links(self) -> None:
        """Store the chosen links; the instance is saved first by the service."""
        for name in ("municipal_goals", "municipal_strategies"):
            if name in self.fields:
                getattr(self.instance, name).set(self.cleaned_data.get(name, []))


PeriodGoalFormSet = ordered_inlineformset_factory(
    GoalPeriod, PeriodGoal, form=PeriodGoalForm, extra=1
)
PartnerFormSet = ordered_inlineformset_factory(
    Centre,
    Partner,
    fields=["name", "cooperation"],
    extra=1,
    widgets={"cooperation": forms.Textarea(attrs={"rows": 3})},
)


class ContactForm(forms.ModelForm):
    helper = row_helper(
        ("name", "col-md-3"), ("title", "col-md-3"), ("email", "col-md-3"), ("phone", "col-md-3")
    )

    class Meta:
        model = ContactPerson
        fields = ["name", "title", "email", "phone"]


ContactFormSet = ordered_inlineformset_factory(Centre, ContactPerson, form=ContactForm, extra=1)


class CentreEditForms:
    """Every form of the centre edit page, validated and shown together so that an
    error in one section keeps what was typed in all the others."""

    def __init__(
        self, centre, data=None, *, registry_fields: bool, default_period: tuple[int, int]
    ):
        self.centre = centre
        period = centre.goal_periods.first() or GoalPeriod(
            centre=centre, start_year=default_period[0], end_year=default_period[1]
        )
        self.profile = CentreProfileForm(
            data, instance=centre, registry_fields=registry_fields, prefix="centre"
        )
        self.target_groups = TargetGroupFormSet(
            data,
            prefix="groups",
            initial=[{"name": group.name} for group in centre.target_groups.all()],
        )
        self.period = GoalPeriodForm(data, instance=period, prefix="period")
        choices = municipal_goal_choices(centre.municipality_id)
        goals = PeriodGoal.objects.filter(period=period) if period.pk else PeriodGoal.objects.none()
        if any(choices):
            # The chosen links, for every row in two queries.
            goals = goals.prefetch_related("municipal_goals", "municipal_strategies")
        self.goals = PeriodGoalFormSet(
            data,
            instance=period,
            prefix="goals",
            queryset=goals,
            form_kwargs={"municipal_choices": choices},
        )
        self.partners = PartnerFormSet(data, instance=centre, prefix="partners")
        self.contacts = ContactFormSet(data, instance=centre, prefix="contacts")

    @property
    def all(self):
        return [
            self.profile,
            self.target_groups,
            self.period,
            self.goals,
            self.partners,
            self.contacts,
        ]

    def is_valid(self) -> bool:
        # A list, not a generator: every form must validate so every error is shown.
        return all([form.is_valid() for form in self.all])
