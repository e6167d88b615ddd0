"""The client address behind the proxy (issue 20, item 5), through the stack's real Varnish
(deploy/varnish/default.vcl): Varnish appends the address it received each request from to
X-Forwarded-For, and with TRUSTED_PROXY_COUNT=1 (as `make stack` sets it) the alert sign-up
limit counts that address, so two visitors are counted apart, and a visitor who writes an
X-Forwarded-For of his own is still counted as himself."""

from urllib.parse import urlencode

import pytest
from django.core import mail

from tests.varnish import CIPC_HOST

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def sign_up(varnish, client, email, forwarded=None):
    """A POST to /alerts/ through Varnish from the loopback address ``client``."""
    headers = {**FORM, **({"X-Forwarded-For": forwarded} if forwarded else {})}
    answer = varnish.request(
        "POST", "/alerts/", CIPC_HOST, headers=headers, source_address=(client, 0), body=urlencode({"email": email})
    )
    assert answer.status in (200, 429), answer.text[:500]
    return answer.status


@pytest.fixture
def limited(settings, varnish, cached_sites):
    settings.ALERTS_SUBSCRIBE_LIMIT_PER_ADDRESS = 2
    settings.TRUSTED_PROXY_COUNT = 1
    return varnish


def test_two_visitors_behind_varnish_are_counted_apart(limited):
    first = [sign_up(limited, "127.0.0.2", f"a{n}@example.org") for n in range(3)]
    assert first == [200, 200, 429]
    # Another visitor is not refused because the first one was.
    assert sign_up(limited, "127.0.0.3", "b0@example.org") == 200
    assert sign_up(limited, "127.0.0.3", "b1@example.org") == 200
    assert sign_up(limited, "127.0.0.3", "b2@example.org") == 429
    assert len(mail.outbox) == 4


def test_a_forged_x_forwarded_for_never_counts_a_visitor_as_someone_else(limited):
    assert [sign_up(limited, "127.0.0.2", f"a{n}@example.org") for n in range(2)] == [200, 200]
    # The refused visitor claims to be another address, fresh or someone else's: still himself.
    for forged in ("198.51.100.9", "127.0.0.3", "127.0.0.3, 127.0.0.4", "unknown"):
        assert sign_up(limited, "127.0.0.2", "again@example.org", forwarded=forged) == 429, forged
    # And a visitor who claims to be the refused one is not refused with him.
    assert sign_up(limited, "127.0.0.4", "c0@example.org", forwarded="127.0.0.2") == 200
    assert len(mail.outbox) == 3


def test_without_the_proxy_count_every_visitor_shares_varnishs_address(limited, settings):
    """What `make stack` did before: one visitor's sign-ups refuse everybody's."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert [sign_up(limited, "127.0.0.2", f"a{n}@example.org") for n in range(2)] == [200, 200]
    assert sign_up(limited, "127.0.0.3", "b0@example.org") == 429
