"""Prometheus counters of the cache (work in multiprocess mode: counters only)."""

from prometheus_client import Counter

CACHE_READS = Counter(
    "conduit_cache_reads_total",
    "Cache reads by kind of entry and outcome (hit, miss, bypass when the store is unavailable)",
    ["kind", "outcome"],
)
