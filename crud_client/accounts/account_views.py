"""The account's own pages: the overview, email, password, where you're signed in, and deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import FormView, TemplateView, View

from accounts.devices import describe_device
from accounts.forms import AccountDeleteForm, EmailForm, PasswordChangeForm
from accounts.session_user import remember
from apiclient import ApiNotFound, ApiUnavailable
from common.api_views import ApiClientMixin, ApiSubmitMixin

# A user with more live sessions than this sees (and signs out) the newest ones; the API lists newest first.
MAX_SESSIONS = 500


def live_sessions(api) -> tuple[list[dict], int]:
    """Return the user's sessions, this one first, each named by its device, and how many there are in all."""
    sessions, page = [], 1
    while True:
        listing = api.auth.sessions(page=page)
        sessions += [{**row, "device": describe_device(row.get("user_agent"))} for row in listing.results]
        if not listing.has_next or len(sessions) >= MAX_SESSIONS:
            # This device first, then the others newest first, as the API lists them.
            return sorted(sessions, key=lambda row: not row.get("current")), listing.count
        page += 1


class AccountView(LoginRequiredMixin, ApiClientMixin, TemplateView):
    """The overview: profile, password, where you're signed in, and the danger zone."""

    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        """Add the user as the API knows them and their live sessions."""
        sessions, count = live_sessions(self.api)
        return super().get_context_data(
            me=self.api.auth.me(),
            sessions=sessions,
            session_count=count,
            others=sum(1 for row in sessions if not row.get("current")),
            **kwargs,
        )


class EmailUpdateView(LoginRequiredMixin, ApiSubmitMixin, FormView):
    """Change the account's email address."""

    template_name = "accounts/form_page.html"
    form_class = EmailForm
    success_url = reverse_lazy("accounts:account")
    extra_context = {
        "title": "Change your email address",
        "intro": "We send password reset links to this address.",
        "submit_label": "Save email address",
        "cancel_url": "accounts:account",
        "under_account": True,
    }

    def get_initial(self):
        """Start from the address the API has now (a submitted form brings its own)."""
        if self.request.method != "GET":
            return super().get_initial()
        return {"email": self.api.auth.me().get("email", "")}

    def submit(self, form):
        """Save the address at the API and in the local user record."""
        me = self.api.auth.update_me(email=form.cleaned_data["email"])
        user = self.request.user
        if user.email != me.get("email", user.email):
            user.email = me["email"]
            user.save(update_fields=["email"])
            remember(self.request.session, user)
        messages.success(self.request, f"Your email address is now {me.get('email')}.")
        return redirect(self.get_success_url())


class PasswordChangeView(LoginRequiredMixin, ApiSubmitMixin, FormView):
    """Change the password; the API signs out every other device, and this one stays signed in."""

    template_name = "accounts/form_page.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:account")
    extra_context = {
        "title": "Change your password",
        "intro": "You stay signed in here; every other device you are signed in on is signed out.",
        "submit_label": "Change password",
        "cancel_url": "accounts:account",
        "under_account": True,
    }

    def submit(self, form):
        """Send the current and the new password."""
        data = form.cleaned_data
        self.api.auth.change_password(old_password=data["old_password"], new_password=data["password1"])
        messages.success(self.request, "Your password was changed. You were signed out on every other device.")
        return redirect(self.get_success_url())


class SessionRevokeView(LoginRequiredMixin, ApiClientMixin, View):
    """Sign out one session ("Sign out" on its row); signing out this one is logging out."""

    http_method_names = ["post"]

    def post(self, request, session_id):
        """End the session at the API and say which device it was."""
        sessions, _count = live_sessions(self.api)
        row = next((row for row in sessions if row["id"] == session_id), None)
        if row is None:
            messages.info(request, "That session had already ended.")
            return redirect("accounts:account")
        try:
            self.api.auth.revoke_session(session_id)
        except ApiNotFound:
            messages.info(request, "That session had already ended.")
            return redirect("accounts:account")
        if row.get("current"):
            logout(request)
            messages.info(request, "You signed out this device.")
            return redirect("accounts:login")
        messages.success(request, f"Signed out {row['device']}.")
        return redirect("accounts:account")


class SignOutOthersView(LoginRequiredMixin, ApiClientMixin, View):
    """Sign out every session but this one ("Sign out everywhere else").

    The API's logoutall/ would end this session too, so each other session is revoked by its id.
    """

    http_method_names = ["post"]

    def post(self, request):
        """Revoke each other session; one that ended meanwhile is already what was asked."""
        sessions, _count = live_sessions(self.api)
        ended = 0
        for row in sessions:
            if row.get("current"):
                continue
            try:
                self.api.auth.revoke_session(row["id"])
            except ApiNotFound:
                continue
            ended += 1
        if ended:
            noun = "session" if ended == 1 else "sessions"
            messages.success(request, f"Signed out {ended} other {noun}. Only this device is signed in now.")
        else:
            messages.info(request, "You were not signed in anywhere else.")
        return redirect("accounts:account")


class AccountDeleteView(LoginRequiredMixin, ApiSubmitMixin, FormView):
    """Confirm with the password, then delete the account and everything in it; the user lands on the login page."""

    template_name = "accounts/account_confirm_delete.html"
    form_class = AccountDeleteForm

    def get_context_data(self, **kwargs):
        """Name exactly what goes: how many items and categories."""
        try:
            counts = {
                "item_count": self.api.items.list(page_size=1).count,
                "category_count": self.api.categories.list(page_size=1).count,
            }
        except ApiUnavailable:
            counts = {}  # the page still says that everything goes; the delete itself reports the outage
        return super().get_context_data(**counts, **kwargs)

    def submit(self, form):
        """Delete at the API, then end the local session."""
        self.api.auth.delete_account(password=form.cleaned_data["password"])
        logout(self.request)
        messages.success(self.request, "Your account and everything in it were deleted.")
        return redirect("accounts:login")
