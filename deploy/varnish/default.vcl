vcl 4.1;

# Varnish 7 in front of the app servers: anonymous visitors' public pages come from the cache;
# the app purges them by surrogate key (xkey, from Debian's varnish-modules) whenever an
# editor changes what they show. See frontcache/ for the app's side.

import directors;
import std;
import var;
import xkey;

# The app servers, their health probe (GET /healthz/), the `app` director that balances
# between them and `sub app_after_failure` (a retry goes to the next server). harness/varnish.py
# writes it for `make stack` and the tests; in production write one for your app servers
# (same shape).
include "backends.vcl";

# Who may purge: the app servers and management commands on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

# X-Forwarded-For: Varnish itself appends the address each request came from (client.ip)
# before vcl_recv, and the app (TRUSTED_PROXY_COUNT=1) counts visitors by that last entry;
# what a visitor wrote before it is ignored. Never set or unset it here.

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the app only"));
        }
        # When the last purge came: a page fetched before it may be what it drops (see
        # vcl_backend_response).
        var.global_set("purged_at", "" + std.time2real(now, 0.0));
        # `xkey-softpurge: room-4 page-17` expires every cached address filed under those
        # keys, keeping each as a stale copy: the next visitor gets it at once while Varnish
        # fetches the new one (grace, below), and once that is fetched nobody gets the old.
        # `xkey-purge: page-17` drops them outright (something withdrawn: nobody may get it).
        if (req.http.xkey-purge || req.http.xkey-softpurge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge) + xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        # Otherwise the one address (Host and URL) of the request.
        return (purge);
    }

    set req.backend_hint = app.backend();
    # While the app servers answer, a page purged softly (or expired) up to a minute ago is
    # served as it was while its new copy is fetched in the background: nobody waits for a
    # page to be rendered again after a publish. Older copies wait for the new one. While
    # they are all down, whatever we have, for up to six hours (see vcl_backend_response).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    # The Host is part of the cache key (vcl_hash): one site never gets another's pages.
    set req.http.Host = std.tolower(req.http.Host);
    # Only the Host names the site: the app does not read X-Forwarded-Host, and nothing
    # behind us may start to.
    unset req.http.X-Forwarded-Host;
    # The scheme, as the TLS proxy in front says (the app builds its absolute addresses with
    # it), is part of the cache key too: a visitor who sends the header himself gets the
    # answer a visitor on that scheme would get, and nobody else's.
    if (req.http.X-Forwarded-Proto != "https") {
        unset req.http.X-Forwarded-Proto;
    }

    # Campaign and click-tracking parameters change nothing on a page: dropped before the
    # cache (and the app) sees the address, and the rest sorted, so each page is one cache
    # entry however a link was tagged. utm_* (Google Analytics campaigns), gclid/gclsrc/
    # dclid/gbraid/wbraid/_gl/_ga (Google Ads and Analytics), fbclid (Meta), msclkid
    # (Microsoft Ads), mc_cid/mc_eid (Mailchimp), twclid (X), igshid (Instagram), yclid
    # (Yandex), _hsenc/_hsmi (HubSpot), mkt_tok (Marketo).
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z0-9_]*|gclid|gclsrc|dclid|gbraid|wbraid|_gl|_ga|fbclid|msclkid|mc_cid|mc_eid|twclid|igshid|yclid|_hsenc|_hsmi|mkt_tok)(=[^&]*)?(&|$)", "");
        set req.url = std.querysort(req.url);
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal: a session (a signed-in editor, a page password given) or credentials.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Always from the app: the admin, embargo links, email-alert and release links (signed,
    # personal, or counted: passed, a HEAD stays a HEAD and a link checker counts no click),
    # documents (which may be private), the health checks and Wagtail's own login and password forms.
    if (req.url ~ "^/(admin|embargoed|alerts|releases|documents|healthz|readyz|_util)(/|\?|$)") {
        return (pass);
    }
    # The email alerts and release links in another language (/es/alerts/…): as the English ones.
    if (req.url ~ "^/[a-z]{2}/(alerts|releases)(/|\?|$)") {
        return (pass);
    }
    # Everything else is the same for every anonymous visitor: other cookies do not matter.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    # "https" or nothing (vcl_recv): two entries per address at most.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
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
    } elsif (obj.hits > 0 && obj.ttl <= 0s) {
        # Purged softly or expired: served while its new copy is fetched.
        set resp.http.X-Cache = "STALE";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Surrogate keys are for Varnish, not for visitors.
    unset resp.http.xkey;
    return (deliver);
}
