"""Production settings come from the environment and pass Django's deployment check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "BEHIND_PROXY"}
        and not key.startswith(("SECURE_HSTS", "DJANGO_"))
    }
    env.update(
        PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="frivillig.example.no",
        SITE_URL="https://frivillig.example.no",
        DJANGO_SETTINGS_MODULE="frivillig.settings",
    )
    env.update(extra)
    return env


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_a_warning():
    result = run(["check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_secret_key_refuses_to_start():
    env = production_env()
    del env["SECRET_KEY"]
    result = run(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, "True True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"),
        ({"SECURE_SSL_REDIRECT": "0", "BEHIND_PROXY": "0"}, "False True 31536000 True True None"),
        ({"DEBUG": "1"}, "False False 0 False False None"),
    ],
    ids=["production", "production-without-redirect-or-proxy", "development"],
)
def test_security_settings_follow_the_environment(extra, expected):
    code = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run(["shell", "-c", code], production_env(**extra))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
