"""deploy/nginx/frivillig.conf, the deployment example make cluster runs: nginx accepts
it as make cluster fills it in, and it keeps the promises the README makes for it."""

import shutil
import subprocess
from pathlib import Path

import pytest

from frivillig.lib import cluster

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def test_the_filled_in_example_names_every_server_and_leaves_no_placeholder():
    site = cluster.nginx_site(
        listen="127.0.0.1:8080", upstreams=["10.0.0.11:8000", "10.0.0.12:8000"]
    )
    directives = [line for line in site.splitlines() if not line.lstrip().startswith("#")]
    assert not any("{{" in line for line in directives)
    assert "    server 10.0.0.11:8000 max_fails=1 fail_timeout=5s;" in directives
    assert "    server 10.0.0.12:8000 max_fails=1 fail_timeout=5s;" in directives
    # Set by nginx, never the client's own; pages fail over, a POST is never sent twice.
    assert "        proxy_set_header X-Forwarded-For $remote_addr;" in directives
    assert "        proxy_set_header X-Forwarded-Proto $scheme;" in directives
    assert "        proxy_next_upstream error timeout http_502;" in directives
    assert "non_idempotent" not in "\n".join(directives)
    assert "    client_max_body_size 6m;" in directives  # a 5 MB deck image and its form


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
def test_nginx_accepts_the_configuration_make_cluster_writes(tmp_path):
    running = cluster.Cluster(port=8080, env={}, folder=tmp_path)
    child = running.add_nginx(["127.0.0.1:8101", "127.0.0.1:8102"])
    checked = subprocess.run([*child.command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
