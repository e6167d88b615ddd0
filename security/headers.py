"""Content-Security-Policy and Permissions-Policy on every response.

Public pages get ``CONTENT_SECURITY_POLICY``. Everything under the admin's URL prefix gets
``ADMIN_CONTENT_SECURITY_POLICY`` (and ``ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY``) instead:
Wagtail's admin, the views other apps hook into it, and the live preview of a page, which is
served from an admin URL. The prefix, not a list of URL patterns, decides, so an admin view
added later cannot slip out from under the admin's policy.
"""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def permissions_policy_header(policy):
    """``{"camera": [], "fullscreen": ["self", "https://x"]}`` as ``camera=(), fullscreen=(self "https://x")``."""
    parts = []
    for feature, allowlist in policy.items():
        origins = " ".join(origin if origin in ("self", "*") else f'"{origin}"' for origin in allowlist)
        parts.append(f"{feature}=({origins})")
    return ", ".join(parts)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy, plus Permissions-Policy."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy_header(policy)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.config is None and request.path_info.startswith(admin_prefix()):
            name = "ADMIN_CONTENT_SECURITY_POLICY" + ("_REPORT_ONLY" if report_only else "")
            policy = getattr(settings, name, None)
            # An empty config sends no header (None would fall back to the public policy).
            config = default_config(policy["DIRECTIVES"]) if policy else {}
            return PolicyParts(config, parts.update, parts.replace, parts.nonce)
        return parts
