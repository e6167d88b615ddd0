"""The benchmark's databases: the demo sites plus N generated stories (harness/stories.py, the
generator harness.bench_press uses), made once and reused while they hold them.

    pressroom_bench_2k   2,000 stories: the press room rows, purges, the survival run
    pressroom_bench_10k  10,000 stories: the search row

Generation takes minutes (10,000 stories: about ten); an interrupted one is dropped and
made again on the next run. Media (the generated banners) live on disk in var/bench-media/<db>."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from harness import children
from harness.stack import secret_key

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
DEMO_STORIES = 13  # the seed's
# Written on each database made (COMMENT ON DATABASE): one made by an older generator (the
# twenty-word vocabulary) is made again rather than measured.
GENERATOR = "pressroom bench: harness.stories with harness.vocabulary (wordfreq 3.1.1, 8,000 words), sample signatories"


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def database_url(name):
    return urlunsplit(urlsplit(SERVER_URL)._replace(path=f"/{name}"))


def media_root(name):
    return ROOT / "var" / "bench-media" / name


def setup_environment(name):
    """For the set-up commands: the demo app (load_demo, the generator) is only installed in
    the relaxed settings; no Redis, S3 or purges, nothing but the database is needed."""
    (ROOT / "var").mkdir(exist_ok=True)
    env = {
        name_: value
        for name_, value in os.environ.items()
        if name_ not in ("REDIS_URL", "FRONTEND_CACHE_URLS", "AWS_STORAGE_BUCKET_NAME")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        SECRET_KEY=secret_key(),
        ALLOWED_HOSTS="localhost,.localhost,127.0.0.1",
        DATABASE_URL=database_url(name),
        MEDIA_ROOT=str(media_root(name)),
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_STATEMENT_TIMEOUT="0",
    )
    return env


def story_count(name):
    import psycopg

    with psycopg.connect(database_url(name), connect_timeout=5) as connection:
        exists = connection.execute("SELECT to_regclass('press_storypage') IS NOT NULL").fetchone()[0]
        if not exists:
            return 0
        # English stories only: the generator and the demo also publish Spanish versions.
        return connection.execute(
            "SELECT count(*) FROM press_storypage story"
            " JOIN wagtailcore_page page ON page.id = story.page_ptr_id"
            " JOIN wagtailcore_locale locale ON locale.id = page.locale_id"
            " WHERE locale.language_code = 'en'"
        ).fetchone()[0]


def recreate(name):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # our own names
        connection.execute(f'CREATE DATABASE "{name}"')


def exists(name):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5) as connection:
        return bool(connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def generator(name):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return row[0] if row else None


def mark(name):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'COMMENT ON DATABASE "{name}" IS {GENERATOR!r}')  # our own names and text


def analyze(name):
    import psycopg

    with psycopg.connect(database_url(name), autocommit=True, connect_timeout=5) as connection:
        connection.execute("VACUUM ANALYZE")


def manage(env, *args):
    children.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_dataset(name, stories):
    """The database ``name`` with the demo sites and ``stories`` generated stories; made (or
    made again, when an earlier run was interrupted) only when it does not hold them."""
    env = setup_environment(name)
    if exists(name) and generator(name) == GENERATOR and story_count(name) == stories + DEMO_STORIES:
        manage(env, "migrate", "--noinput", "--verbosity", "0")  # new migrations since it was made
        analyze(name)
        return database_url(name)
    say(f"making {name}: the demo sites and {stories} generated stories (once; takes minutes)")
    recreate(name)
    media = media_root(name)
    if media.exists():
        import shutil

        shutil.rmtree(media)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo", "--port", "80")
    manage(env, "setup_teams")
    generate = f"from harness.stories import generate_stories; generate_stories({int(stories)})"
    manage(env, "shell", "--no-imports", "-c", generate)
    analyze(name)  # fresh statistics, or the planner guesses from an empty database
    mark(name)
    say(f"{name}: {story_count(name)} stories")
    return database_url(name)


if __name__ == "__main__":
    # python -m harness.benchdata pressroom_bench_10k 10000
    print(ensure_dataset(sys.argv[1], int(sys.argv[2])))
