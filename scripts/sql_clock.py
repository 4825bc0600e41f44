"""The page benchmarks' SQL time, to the microsecond: Django's captured queries round each
query's time to the millisecond, and a kept page runs four of 0.2–0.5 ms each."""

import time
from contextlib import contextmanager

from django.db import connection


class SqlClock:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


@contextmanager
def sql_clock():
    """Times every statement sent on the default connection inside the block (the driver's
    execute: PostgreSQL's work, the round trip and the rows' transfer)."""
    clock = SqlClock()
    with connection.execute_wrapper(clock):
        yield clock
