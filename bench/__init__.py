"""Benchmark tools for checker: corpus generator, peer runners, timing driver."""
