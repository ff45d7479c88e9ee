import pytest

from .helpers import TRIED


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    if not TRIED:
        return
    terminalreporter.section("fuzzed inputs tried")
    for name, count in sorted(TRIED.items()):
        terminalreporter.write_line(f"{name}: {count}")
    terminalreporter.write_line(f"total: {sum(TRIED.values())} posts")
