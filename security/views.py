"""The pages: change one's password (every role), the policy and the lockouts (security only)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.kinds import Kind
from audit.log import record
from audit.sessions import session_rekeyed

from . import lockouts
from .forms import PolicyForm
from .models import SecurityPolicy
from .passwords import BY_SELF
from .policy import NAMES, can_set_policy, policy_stored, policy_update, security_policy
from .receivers import SESSION_KEY
from .tables import LockoutTable


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "security/password_change.html"
    success_url = reverse_lazy("projects:home")

    def form_valid(self, form):
        setattr(form.user, BY_SELF, True)
        response = super().form_valid(form)  # the session's key changes (update_session_auth_hash)
        session_rekeyed(self.request, form.user)
        self.request.session.pop(SESSION_KEY, None)
        record(self.request, Kind.PASSWORD_CHANGE, target=form.user.username)
        messages.success(self.request, _("Your password is changed."))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["required"] = self.request.session.get(SESSION_KEY)
        return context


def _security_only(request):
    if not can_set_policy(request.user):
        raise PermissionDenied


@login_required
def policy(request):
    _security_only(request)
    current = policy_stored()
    initial = {n: getattr(security_policy(), n) for n in NAMES}
    form = PolicyForm(request.POST or None, instance=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in NAMES}
        policy_update(request=request, values=values, reason=form.cleaned_data["reason"])
        messages.success(request, _("The security policy is saved."))
        return redirect("security:policy")
    history = SecurityPolicy.history.select_related("history_user").order_by("-history_date")[:50]
    return render(request, "security/policy.html", {"form": form, "history": history})


@login_required
def lockout_list(request):
    _security_only(request)
    context = {
        "accounts": LockoutTable(lockouts.locked_accounts(user=request.user)),
        "addresses": LockoutTable(lockouts.locked_addresses(user=request.user)),
        "policy": security_policy(request),
    }
    return render(request, "security/lockouts.html", context)


@login_required
@require_POST
def unlock(request):
    _security_only(request)
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")[:255]
    if lockouts.unlock(request=request, kind=kind, value=value):
        messages.success(request, _("Unlocked: %(value)s") % {"value": value})
    else:
        messages.warning(request, _("Nothing to unlock: %(value)s") % {"value": value})
    return redirect("security:lockouts")
