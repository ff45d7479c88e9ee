from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def ping(request):
    """Answers without touching the database: the benchmark's physical limit (the same
    middleware, no query), unlike /healthz, which asks the database."""
    return HttpResponse("pong\n", content_type="text/plain")
