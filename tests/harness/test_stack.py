"""`make stack` hands its app servers' environment to management commands through
var/stack.env: sourcing it must give exactly that environment, secret key included."""

import subprocess
import sys

from harness import stack


def test_sourcing_stack_env_gives_the_app_servers_environment(tmp_path, monkeypatch):
    monkeypatch.setattr(stack, "VAR", tmp_path)
    monkeypatch.setattr(stack, "ENV_FILE", tmp_path / "stack.env")
    (tmp_path / "stack-secret-key").write_text("a$b'c\"d`e(f)g!h #i")
    env = stack.stack_environment()
    stack.write_env_file(env)

    script = "set -a; . ./stack.env; set +a; env -0"
    output = subprocess.run(["bash", "-c", script], cwd=tmp_path, env={}, capture_output=True, check=True).stdout
    sourced = dict(item.split("=", 1) for item in output.decode().split("\0") if "=" in item)
    for name, value in env.items():
        assert sourced[name] == value, name
    assert sourced["SECRET_KEY"] == "a$b'c\"d`e(f)g!h #i"
    assert sourced["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert sourced["SECURE_SSL_REDIRECT"] == "false"
    assert sourced["FRONTEND_CACHE_URLS"] == "http://127.0.0.1:8080"
    assert sourced["TRUSTED_PROXY_COUNT"] == "1"  # Varnish: visitors are not all one address

    # The production settings start with it (they refuse to without their required values).
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=stack.ROOT,
        env={**sourced, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
