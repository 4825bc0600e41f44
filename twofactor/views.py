"""Pages of the second factor: verify, enroll, the codes shown once, the user's own page, and the
security administrator's reset. Thin: rules in policy.py, writes in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import policy, selectors, services
from .forms import CodeForm
from .qr import qr_svg, secret_groups

CODES_KEY = "twofactor_codes"  # the new recovery codes, until the page that shows them once


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("projects:home")


def _with_next(name: str, nxt: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': nxt})}"


@never_cache
@login_required
def verify(request):
    user, nxt = request.user, _next(request)
    if policy.is_verified(user):
        return HttpResponseRedirect(nxt)
    if not policy.has_second_factor(user):
        if policy.required_for(user):
            return redirect(_with_next("twofactor:enroll", nxt))
        return HttpResponseRedirect(nxt)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.token_verify(request=request, token=form.cleaned_data["token"])
        if outcome.device is not None:
            if outcome.device.name == services.RECOVERY_NAME:
                left = selectors.recovery_codes_left(user)
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(n)d are left.") % {"n": left},
                )
            return HttpResponseRedirect(nxt)
        if outcome.wait_seconds:
            form.add_error(
                "token",
                _("Too many wrong codes. Wait %(n)d seconds, then try again.")
                % {"n": outcome.wait_seconds},
            )
        else:
            form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "twofactor/verify.html", {"form": form, "next": nxt})


@never_cache
@login_required
def enroll(request):
    user, nxt = request.user, _next(request)
    # Replacing a working authenticator needs it first: a stolen password cannot swap phones.
    if policy.has_second_factor(user) and not policy.is_verified(user):
        return redirect(_with_next("twofactor:verify", nxt))
    device = services.totp_device_pending(user=user)
    form = CodeForm(request.POST or None, numeric=True)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(
                request=request, device=device, token=form.cleaned_data["token"]
            )
        except services.SecondFactorError as error:
            form.add_error("token", str(error))
        else:
            request.session[CODES_KEY] = codes
            return redirect(_with_next("twofactor:codes", nxt))
    context = {
        "form": form,
        "next": nxt,
        "qr": qr_svg(device.config_url, title=_("QR code for your authenticator app")),
        "secret": secret_groups(device),
        "required": policy.required_for(user),
    }
    return render(request, "twofactor/enroll.html", context)


@never_cache
@login_required
def codes(request):
    """The new recovery codes, once: reloading the page does not show them again."""
    fresh = request.session.pop(CODES_KEY, None)
    if not fresh:
        return redirect("twofactor:account")
    return render(request, "twofactor/codes.html", {"codes": fresh, "next": _next(request)})


@never_cache
@login_required
def account(request):
    user = request.user
    context = {
        "authenticator": selectors.authenticator_for(user),
        "recovery_left": selectors.recovery_codes_left(user),
        "required": policy.required_for(user),
        "recovery_total": services.RECOVERY_CODES,
        "can_reset": selectors.can_reset(user),
    }
    return render(request, "twofactor/account.html", context)


@require_POST
@login_required
def regenerate(request):
    if not policy.has_second_factor(request.user):
        return redirect("twofactor:account")
    request.session[CODES_KEY] = services.recovery_codes_issue(request=request, user=request.user)
    return redirect(_with_next("twofactor:codes", reverse("twofactor:account")))


@require_POST
@login_required
def remove(request):
    try:
        services.second_factor_remove(request=request)
    except services.SecondFactorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The second factor is removed."))
    return redirect("twofactor:account")


@never_cache
@login_required
def users(request):
    search = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.accounts_for(request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "twofactor/users.html", {"page": page, "q": search})


@require_POST
@login_required
def reset(request, pk: int):
    target = get_object_or_404(selectors.accounts_for(request.user), pk=pk)
    services.second_factor_reset(request=request, user=target)
    messages.success(
        request,
        _("The second factor of %(name)s is reset; they enroll again at their next sign-in.")
        % {"name": target.display_name},
    )
    return redirect(f"{reverse('twofactor:users')}?{urlencode({'q': request.POST.get('q', '')})}")
