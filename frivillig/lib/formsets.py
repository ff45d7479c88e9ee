# The most rows of one kind a page posts. Django's default (max_num + 1000) let a tampered
# row count make the server build 2000 forms for one request.
ROW_LIMIT = {"max_num": 100, "absolute_max": 100, "validate_max": True}


def save_in_displayed_order(formset, **parent) -> None:
    """Save an inline formset whose model has an `order` field: rows keep the order they
    have on the page, deleted and untouched blank rows go away."""
    formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    order = 0
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        order += 1
        if form.instance.pk and not form.has_changed() and form.instance.order == order:
            continue  # nothing to write (nor to record in the history)
        for name, value in parent.items():
            setattr(form.instance, name, value)
        form.instance.order = order
        form.instance.save()
