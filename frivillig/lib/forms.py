from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError

from .posted import whole_number


def row_helper(*columns: tuple[str, str]) -> FormHelper:
    """A crispy helper that puts a formset row's fields side by side.

    `columns` are (field name, Bootstrap column class) pairs; the id and delete fields
    are rendered after them.
    """
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.render_unmentioned_fields = True
    helper.layout = Layout(Row(*(Column(name, css_class=css) for name, css in columns)))
    return helper


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several rows by id that refuses, as an invalid choice, an id no
    database column can hold: Django's check looks them up with `__in`, which SQLite's
    driver answers with OverflowError (PostgreSQL finds nothing)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if whole_number(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
