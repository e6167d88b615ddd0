"""Who must use two-factor sign-in, and the devices that give it."""

from fnmatch import fnmatch

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required_for(user):
    rules = [rule.strip().lower() for rule in settings.REQUIRE_2FA_FOR if rule.strip()]
    if not rules or not user.is_authenticated:
        return False
    if "superusers" in rules and user.is_superuser:
        return True
    patterns = [rule for rule in rules if rule != "superusers"]
    if not patterns:
        return False
    group_names = [name.lower() for name in user.groups.values_list("name", flat=True)]
    return any(fnmatch(name, pattern) for name in group_names for pattern in patterns)


def has_app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh ones; return them."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(user):
    """Delete every two-factor device of the user (app and recovery codes); return how many."""
    devices = [TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)]
    count = sum(queryset.count() for queryset in devices)
    for queryset in devices:
        queryset.delete()
    return count
