"""/search/ under `make run`, on SQLite (the rest of the suite runs on PostgreSQL): English words
are stemmed (FTS5's porter tokenizer: "rulings" finds a ruling), a title holding the words comes
first, and newest first works. A fresh Django on a new SQLite file, migrated as `make run` does."""

import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import datetime
from django.test import Client
from tests.factories import make_story
from tests.sites import COALITION_HOST, build_press_sites

room = build_press_sites().coalition_press
make_story(room, "Sample network welcomes the court's decision", date=datetime.date(2019, 5, 1),
           summary="A sample court issued two rulings today.")
make_story(room, "Sample court ruling on SB 54", date=datetime.date(2018, 5, 1), summary="A sample ruling.")
client = Client()
for params in ({"q": "ruling"}, {"q": "rulings"}, {"q": "rulings", "sort": "newest"}):
    html = client.get("/search/", params, HTTP_HOST=COALITION_HOST).content.decode()
    first = html.index("Sample network welcomes") < html.index("Sample court ruling")
    print(params, html.count('class="story-card__title"'), "network first" if first else "title first")
"""


def test_sqlite_search_stems_english_and_ranks_titles_first(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    run = {"env": env, "cwd": settings.BASE_DIR, "capture_output": True, "text": True, "timeout": 300}
    migrated = subprocess.run([*manage, "migrate", "--verbosity", "0"], **run)
    assert migrated.returncode == 0, migrated.stderr
    searched = subprocess.run([*manage, "shell", "--command", SCRIPT], **run)
    assert searched.returncode == 0, searched.stderr
    assert searched.stdout.splitlines()[-3:] == [
        "{'q': 'ruling'} 2 title first",
        "{'q': 'rulings'} 2 title first",
        "{'q': 'rulings', 'sort': 'newest'} 2 network first",
    ]
