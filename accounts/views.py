"""Two-factor sign-in: the second step, setting up an authenticator app, and managing it."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeForm
from .two_factor import APP_DEVICE_NAME, has_app_device, is_required_for, new_recovery_codes, remove_devices


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def verify(request):
    """After the password: a code from the app, or one recovery code."""
    if not has_app_device(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "That code is not right, or has been used. Check your app's clock and try again.")
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def _pending_device(user):
    """The unconfirmed app device being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def _qr_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    svg = image.to_string(encoding="unicode")
    # The SVG is qrcode's own output for our own URL: no user-supplied markup in it.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1))  # noqa: S308


def enrol(request):
    """Scan (or type) the secret, confirm with a code, and get the recovery codes once."""
    if has_app_device(request.user):
        return redirect("accounts_two_factor")
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(request.user)
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", "That code is not right. Enter the 6-digit code your app shows now.")
    secret = b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "qr_code": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": is_required_for(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/enrol.html", context)


def manage(request):
    """Account → Two-factor sign-in: status, new recovery codes, turn off (when allowed)."""
    context = {
        "enrolled": has_app_device(request.user),
        "required": is_required_for(request.user),
        "recovery_codes_left": sum(device.token_set.count() for device in request.user.staticdevice_set.all()),
    }
    return render(request, "accounts/manage.html", context)


@require_POST
def regenerate_recovery_codes(request):
    if not has_app_device(request.user):
        return redirect("accounts_two_factor")
    codes = new_recovery_codes(request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts_two_factor")})


@require_POST
def turn_off(request):
    if is_required_for(request.user):
        messages.error(request, "Two-factor sign-in is required for your account; it cannot be turned off.")
    else:
        remove_devices(request.user)
        messages.success(request, "Two-factor sign-in is off. You sign in with your password only.")
    return redirect("accounts_two_factor")
