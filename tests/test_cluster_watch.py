"""make cluster's watch over its children (frivillig.lib.cluster): a child that dies
before it ever answered is broken and stops the cluster; one that had answered, however
young, is started again, as the cluster test's killed instance is."""

import subprocess
import sys
import time

import pytest

from frivillig.lib import cluster


@pytest.fixture
def watched(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "RESTART_AFTER", 0)
    started = []
    group = cluster.Cluster(port=0, env={}, folder=tmp_path, log=lambda line: None)
    monkeypatch.setattr(group, "start", lambda child, **kw: started.append(child.name))
    return group, started


def _dead_child(name: str, *, answered: bool) -> cluster.Child:
    child = cluster.Child(name, [sys.executable, "-c", "pass"], {})
    child.process = subprocess.Popen(child.command)
    child.process.wait()
    child.started = time.monotonic()  # died at once
    child.answered = answered
    return child


def test_a_young_child_that_had_answered_is_started_again(watched):
    group, started = watched
    group.children.append(_dead_child("web1", answered=True))
    group.watch()
    assert started == ["web1"]


def test_a_young_child_that_never_answered_stops_the_cluster(watched):
    group, started = watched
    group.children.append(_dead_child("web1", answered=False))
    with pytest.raises(cluster.ClusterError, match="web1 stopped 0 s after its start"):
        group.watch()
    assert started == []
