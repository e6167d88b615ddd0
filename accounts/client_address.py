"""The address a request really comes from, as far as this deployment can trust it.

Throttling keyed on a header the client writes itself would be no throttling at all, so
X-Forwarded-For is read only when ``TRUSTED_PROXY_COUNT`` says how many proxies of ours
stand in front of the app: each appends the address it received the request from, so the
client's address is the entry that many places from the end. Anything before it may be
forged and is ignored. With no trusted proxies the address is REMOTE_ADDR.
"""

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # The request did not pass through all our proxies: only the socket is trustworthy.
        return remote_addr
    return forwarded[-proxies]
