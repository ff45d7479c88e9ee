"""The cache helper: a miss builds and stores, a hit does not build, a new version or
another language is a miss."""

from django.utils import translation

from frivillig.lib.cache import KEY_LIMIT, cache_key, cached, release


class Builder:
    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_miss_builds_and_a_hit_reads_the_stored_value():
    build = Builder({"answers": 3})
    assert cached("results", 7, 1, build=build) == {"answers": 3}
    assert cached("results", 7, 1, build=build) == {"answers": 3}
    assert build.calls == 1


def test_a_new_version_builds_again():
    first, second = Builder("old"), Builder("new")
    assert cached("results", 7, 1, build=first) == "old"
    assert cached("results", 7, 2, build=second) == "new"
    assert cached("results", 7, 1, build=second) == "old"
    assert (first.calls, second.calls) == (1, 1)


def test_another_language_is_another_entry():
    build = Builder("x")
    with translation.override("nb"):
        cached("results", 7, build=build)
    with translation.override("en"):
        cached("results", 7, build=build)
    with translation.override("nb"):
        cached("results", 7, build=build)
    assert build.calls == 2


def test_none_is_cached_like_any_value():
    build = Builder(None)
    assert cached("nothing", build=build) is None
    assert cached("nothing", build=build) is None
    assert build.calls == 1


def test_a_long_or_spaced_key_is_hashed_and_stays_apart():
    long_part = "x" * 300
    key = cache_key("results", long_part)
    assert len(key) <= KEY_LIMIT and key.startswith("frivillig:results:")
    assert cache_key("results", long_part) != cache_key("results", long_part + "y")
    assert " " not in cache_key("results", "Klyve nærmiljøsenter")
    assert cached("results", "a b", build=Builder(1)) == 1
    assert cached("results", "a b", build=Builder(2)) == 1


def test_the_release_is_in_the_key_and_a_changed_template_is_a_new_release(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>Før</p>")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.py").write_text("ignored = 1")
    settings.BASE_DIR, settings.RELEASE = tmp_path, ""
    release.cache_clear()
    try:
        before = release()
        (tmp_path / "node_modules" / "x.py").write_text("ignored = 2")
        release.cache_clear()
        assert release() == before, "a package's file is not the project's release"
        page.write_text("<p>Etter</p>")
        release.cache_clear()
        after = release()
        assert after != before
        assert f":{after}:" in cache_key("results", 7)
        settings.RELEASE = "2026.12.1"
        release.cache_clear()
        assert cache_key("results", 7).startswith("frivillig:2026.12.1:results:7:")
    finally:
        release.cache_clear()
