"""How a request's user is read from its session."""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# The backend a session names (login(), the tests' force_login, the benchmark's sessions).
USER_BACKEND = "accounts.backends.UserBackend"


class UserBackend(ModelBackend):
    """Django's ModelBackend, reading the user's municipality in the same query: the
    navbar of every page names it and most pages ask for it, so it is never a query of
    its own."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("municipality").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)
