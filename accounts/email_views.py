"""«E-post som ikke kom fram»: the e-mails of the municipality that the SMTP server has
not taken, for its coordinators to see and send again (accounts.mail)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.lib.pagination import paginate

from . import access, mail

EMAILS_PER_PAGE = 50


def undelivered_emails(request):
    emails = access.visible_outgoing_emails(request.user).not_delivered()
    page = paginate(request, emails.order_by("-created_at", "-pk"), EMAILS_PER_PAGE)
    return render(
        request,
        "accounts/undelivered_emails.html",
        {"page": page, **mail.retry_plan()},
    )


@require_POST
def email_resend(request, pk):
    email = access.get_outgoing_email_for_user(request.user, pk)
    if email.status == email.Status.SENT:
        messages.info(request, _("E-posten til %(to)s er allerede sendt.") % {"to": email.to})
    else:
        mail.send_again(email=email)
        messages.success(request, _("E-posten til %(to)s sendes på nytt.") % {"to": email.to})
    return redirect("undelivered_emails")
