from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row


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
