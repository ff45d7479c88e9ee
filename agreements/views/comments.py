"""Comments on an agreement or one of its clauses, by either side."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, comments
from ..forms import CommentForm
from ..workflow import IllegalTransition
from .agreement import detail_queryset, render_detail


def _commenting_agreement(request, pk):
    """Stranger: 404; someone who may read but has no side (a reader): 403."""
    return access.get_agreement_for_party(request.user, pk, queryset=detail_queryset())


def _thread_url(agreement, comment) -> str:
    thread = comment.parent or comment
    return reverse("agreements:detail", args=[agreement.pk]) + f"#kommentar-{thread.pk}"


@require_POST
def comment_add(request, pk):
    agreement = _commenting_agreement(request, pk)
    form = CommentForm(request.POST, agreement=agreement)
    if not form.is_valid():
        return render_detail(request, agreement, comment_form=form, status=400)
    data = form.cleaned_data
    try:
        comment = comments.add_comment(
            agreement=agreement,
            by=request.user,
            text=data["text"],
            clause=data["clause"],
            parent=data["parent"],
        )
    except IllegalTransition as error:
        messages.error(request, str(error))
        return redirect(agreement)
    messages.success(
        request,
        _("Svaret er lagt inn. Den andre parten får e-post.")
        if comment.parent_id
        else _("Kommentaren er lagt inn. Den andre parten får e-post."),
    )
    return redirect(_thread_url(agreement, comment))


@require_POST
def comment_resolve(request, pk, comment_pk):
    agreement = _commenting_agreement(request, pk)
    comment = get_object_or_404(agreement.comments, pk=comment_pk)
    try:
        comments.resolve_comment(comment=comment, by=request.user)
    except IllegalTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Kommentaren er markert som løst."))
    return redirect(_thread_url(agreement, comment))
