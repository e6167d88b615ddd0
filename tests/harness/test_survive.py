"""An app server that crashes under load (the short version of `make survive`'s first
scenario): Varnish's health probe notices, and meanwhile every visitor still gets a page,
fetched from the other app server."""

import os
import threading
import time

from django.db import connection

from harness.benchstack import AppServers
from harness.survive import HealthLog
from harness.varnish import Varnish
from tests.varnish import ThroughVarnish


def test_killing_one_of_two_app_servers_under_load_fails_no_request(live_server, cached_sites, tmp_path):
    # The first app server: a gunicorn (gunicorn.conf.py) on the test database; the second:
    # the test's live server. Both serve the press room built by cached_sites.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "WEB_CONCURRENCY": "1",
    }
    gunicorn = AppServers(env, tmp_path, count=1).start()
    live_port = int(live_server.url.rsplit(":", 1)[1])
    varnish = Varnish([*gunicorn.addresses, ("127.0.0.1", live_port)], storage="malloc,16m").start()
    health = HealthLog(varnish)
    statuses, stopping = [], threading.Event()

    def visitor():
        through = ThroughVarnish(varnish)
        number = 0
        while not stopping.is_set():
            number += 1
            # A new search each time: a cache miss, so every request reaches an app server.
            try:
                statuses.append(through.get(f"/press/?q=raid{threading.get_ident()}x{number}").status)
            except OSError as error:
                statuses.append(repr(error))
            time.sleep(0.05)

    try:
        threads = [threading.Thread(target=visitor) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        served_before = len(statuses)
        killed = time.time()
        gunicorn.servers[0].kill()
        sick = health.wait_for("sick", "app1", killed, timeout=30)
        time.sleep(1)
    finally:
        stopping.set()
        for thread in threads:
            thread.join(timeout=30)
        health.stop()
        varnish.stop()
        gunicorn.stop()

    assert served_before > 0
    assert sick is not None, "Varnish's probe never marked the killed app server sick"
    assert sick - killed < 20
    assert len(statuses) > served_before + 20
    assert [status for status in statuses if status != 200] == []
