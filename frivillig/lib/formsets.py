"""Formsets whose rows have an order: Django's `can_order`, one way for every app.

Each row carries its place in a hidden ORDER field (Django fills it with the row's
position); the rows are saved in the order those fields give, which is the order the page
shows them in. A row added at the end has no place yet and comes after the others.
"""

from django import forms
from django.forms.formsets import ORDERING_FIELD_NAME

# The most rows of one kind a page posts. Django's default (max_num + 1000) let a tampered
# row count make the server build 2000 forms for one request.
ROW_LIMIT = {"max_num": 100, "absolute_max": 100, "validate_max": True}


def ordered_inlineformset_factory(parent_model, model, **kwargs):
    """`inlineformset_factory` with `can_order` (ORDER hidden), `can_delete` and the
    ROW_LIMIT, for a model with an `order` field; save with save_in_displayed_order()."""
    formset = forms.inlineformset_factory(
        parent_model, model, can_order=True, can_delete=True, **ROW_LIMIT, **kwargs
    )
    formset.ordering_widget = forms.HiddenInput
    return formset


def _changed_besides_order(form) -> bool:
    return any(name != ORDERING_FIELD_NAME for name in form.changed_data)


def save_in_displayed_order(formset, **parent) -> None:
    """Save an ordered inline formset: rows are numbered 1, 2, … in their order (the
    model's `order` field), deleted rows go away."""
    formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for order, form in enumerate(formset.ordered_forms, 1):
        if form.instance.pk and not _changed_besides_order(form) and form.instance.order == order:
            continue  # nothing to write (nor to record in the history)
        for name, value in parent.items():
            setattr(form.instance, name, value)
        form.instance.order = order
        form.instance.save()
