from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import MiddlewareNotUsed
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Bokmål unless the user picked another language with the language switch.

    The browser's Accept-Language is ignored on purpose: a Norwegian public service
    speaks bokmål by default, and the English and nynorsk catalogues are partial.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in user and on
    every download, replacing whatever a view set: pages and files with personal data
    are kept by no shared cache (a proxy, a CDN) and in no browser cache on a shared
    computer. Static files (answered by whitenoise before the session is read) and the
    public pages an anonymous visitor sees keep their own headers and stay cacheable.

    Logged in means a session that names a user: the session is asked, not
    `request.user`, so a view that never looks at the user (/healthz, the benchmark's
    /ping) does not read it from the database for this header. A session whose account
    was deactivated since still counts, which only keeps that response private too."""

    VALUE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or (session is not None and SESSION_KEY in session):
            response["Cache-Control"] = self.VALUE
        return response


class InstanceNameMiddleware:
    """`X-Served-By: <INSTANCE_NAME>` on every response when the setting is given, so a
    person (or the cluster test) behind a load balancer can tell which app server
    answered. Outermost, so static files and refusals carry it too; not installed at all
    when INSTANCE_NAME is empty."""

    HEADER = "X-Served-By"

    def __init__(self, get_response):
        if not settings.INSTANCE_NAME:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.name = settings.INSTANCE_NAME

    def __call__(self, request):
        response = self.get_response(request)
        response[self.HEADER] = self.name
        return response
