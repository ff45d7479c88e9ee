"""Comments on an agreement or one of its clauses, by either side: writing one (a reply
reopens its thread), resolving a thread, and reading the threads.

`now` (default: the clock) is the time a comment is written or resolved at, and `quiet`
leaves out the e-mail to the other side.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import notify

from . import access
from .models import Comment
from .notices import agreement_url, other_side
from .workflow import IllegalTransition


@transaction.atomic
def add_comment(
    *, agreement, by, text: str, clause=None, parent=None, now=None, quiet: bool = False
) -> Comment:
    side = access.agreement_side(by, agreement)
    if side is None:
        raise IllegalTransition(_("Du kan ikke kommentere denne avtalen."))
    if parent is not None:
        # Replies hang under the thread's first comment.
        parent = parent.parent or parent
        clause_key, clause_title = parent.clause_key, parent.clause_title
    else:
        clause_key = clause.key if clause else None
        clause_title = clause.title if clause else ""
    comment = Comment.objects.create(
        agreement=agreement,
        clause_key=clause_key,
        clause_title=clause_title,
        parent=parent,
        author=by,
        text=text.strip(),
        created_at=now or timezone.now(),
    )
    if parent is not None and parent.is_resolved:
        Comment.objects.filter(pk=parent.pk).update(resolved_at=None, resolved_by=None)
    if not quiet:
        notify(
            other_side(agreement, side),
            "agreements/email/comment",
            {
                "agreement": agreement,
                "comment": comment,
                "by": by,
                "url": agreement_url(agreement, f"#kommentar-{(parent or comment).pk}"),
            },
            municipality_id=agreement.municipality_id,
        )
    return comment


def resolve_comment(*, comment, by, now=None) -> None:
    if not access.can_comment_on_agreement(by, comment.agreement):
        raise IllegalTransition(_("Du kan ikke lukke denne kommentaren."))
    thread = comment.parent or comment
    Comment.objects.filter(pk=thread.pk).update(resolved_at=now or timezone.now(), resolved_by=by)


def comment_threads(agreement):
    """Top-level comments with their replies and authors, oldest first."""
    return (
        agreement.comments.filter(parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=Comment.objects.select_related("author")))
    )
