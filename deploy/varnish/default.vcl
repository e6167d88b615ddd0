vcl 4.1;

# Varnish 7 in front of the app servers: anonymous visitors' public pages come from the cache;
# the app purges them by surrogate key (xkey, from Debian's varnish-modules) whenever an
# editor changes what they show. See frontcache/ for the app's side.

import directors;
import std;
import var;
import xkey;

# The app servers, their health probe (GET /healthz/), the `app` director that balances
# between them and `sub app_after_failure` (a retry goes to the next server). deploy/varnish.py
# writes it for `make stack` and the tests; in production write one for your app servers
# (same shape).
include "backends.vcl";

# Who may purge: the app servers and management commands on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the app only"));
        }
        # When the last purge came: a page fetched before it may be what it drops (see
        # vcl_backend_response).
        var.global_set("purged_at", "" + std.time2real(now, 0.0));
        # `xkey-purge: site-1 site-2` drops every cached address filed under those keys.
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        # Otherwise the one address (Host and URL) of the request.
        return (purge);
    }

    set req.backend_hint = app.backend();
    # Stale pages only while the app servers are down (see vcl_backend_response).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    # The Host is part of the cache key (vcl_hash): one site never gets another's pages.
    set req.http.Host = std.tolower(req.http.Host);

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal: a session (a signed-in editor, a page password given) or credentials.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Always from the app: the admin, embargo links, email-alert links (signed, personal),
    # documents (which may be private), the health checks and Wagtail's own login and password forms.
    if (req.url ~ "^/(admin|embargoed|alerts|documents|healthz|readyz|_util)(/|\?|$)") {
        return (pass);
    }
    # The email alerts in another language (/es/alerts/…): as personal as the English ones.
    if (req.url ~ "^/[a-z]{2}/alerts(/|\?|$)") {
        return (pass);
    }
    # Everything else is the same for every anonymous visitor: other cookies do not matter.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    return (lookup);
}

sub vcl_backend_fetch {
    var.set("fetch_started", "" + std.time2real(now, 0.0));
    if (bereq.retries > 0 && var.get("failed_backend")) {
        call app_after_failure;
    }
}

sub vcl_backend_response {
    # Keep only what the app marked shareable for a shared cache (public, s-maxage) and
    # static files it marks public; never a response that sets a cookie. The rest is passed
    # on, and remembered as uncacheable for two minutes so requests for it are not queued.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)"
        || (beresp.http.Cache-Control !~ "s-maxage=" && bereq.url !~ "^/static/")) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A purge while this page was being fetched: the app may have read the database before
    # the editor's change committed, and caching its answer would put back the page the purge
    # just dropped, until the next purge. Fetch it again: now it reads the change.
    if (bereq.retries < 3
        && std.real(var.get("fetch_started"), 0.0) <= std.real(var.global_get("purged_at"), -1.0)) {
        return (retry);
    }
    # While every app server is down, serve what we have for up to six hours.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_backend_error {
    # An app server that does not answer (stopped, restarting): try the other once, before
    # the health probe notices. Only for reads; a form post is never sent twice.
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        # On the next app server (app_after_failure, in backends.vcl).
        var.set("failed_backend", beresp.backend.name);
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Surrogate keys are for Varnish, not for visitors.
    unset resp.http.xkey;
    return (deliver);
}
