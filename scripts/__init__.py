"""Operators' and benchmarks' scripts; a package, so the benchmarks share their clocks."""
