"""Forms of the results pages: the deck sentence and the themes of a ranked list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Theme


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Oppsummering til presentasjonen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Setningen som står på oppsummeringslysbildet."),
        error_messages={"required": _("Skriv en setning, eller tilbakestill til forslaget.")},
    )


class ThemeSelectionForm(forms.Form):
    """Answer texts picked on the themes page, put in a new theme or an existing one."""

    texts = forms.MultipleChoiceField(
        label=_("Svar"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Velg minst ett svar."),
            "invalid_choice": _("Svaret finnes ikke lenger. Last siden på nytt."),
        },
    )
    name = forms.CharField(label=_("Navn på nytt tema"), max_length=200, required=False)
    theme = forms.ModelChoiceField(
        label=_("Eksisterende tema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Velg tema"),
    )

    def __init__(self, *args, question, texts: list[tuple[str, str]], action: str = "", **kw):
        super().__init__(*args, **kw)
        self.question = question
        self.action = action
        self.fields["texts"].choices = texts
        self.fields["theme"].queryset = question.themes.all()

    def clean(self):
        data = super().clean()
        if self.action == "new" and not (data.get("name") or "").strip():
            self.add_error("name", _("Skriv et navn på temaet."))
        if self.action == "add" and not data.get("theme"):
            self.add_error("theme", _("Velg temaet svarene skal legges i."))
        return data


class RenameThemeForm(forms.Form):
    name = forms.CharField(label=_("Navn på temaet"), max_length=200)

    def __init__(self, *args, theme, **kw):
        super().__init__(*args, **kw)
        self.theme = theme

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.theme.question.themes.exclude(pk=self.theme.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("Det finnes allerede et tema med dette navnet."))
        return name
