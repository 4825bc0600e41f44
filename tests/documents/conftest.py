from tests.escalation.conftest import clock, eager, head, issued  # noqa: F401 (fixtures)
