"""Prometheus: per-route request counts and latencies (Litestar's plugin) at /metrics.

With several worker processes `conduit serve` sets PROMETHEUS_MULTIPROC_DIR, and every worker
writes its samples there; a scrape of any worker then reports the sum over all of them.
"""

import os

from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from prometheus_client import multiprocess

METRICS_PATH = "/metrics"
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"


class MetricsController(PrometheusController):
    path = METRICS_PATH
    include_in_schema = False


def metrics_config() -> PrometheusConfig:
    # group_path: label requests with the route template (/api/articles/{slug}), not each slug.
    return PrometheusConfig(app_name="conduit", prefix="conduit", group_path=True, exclude=[METRICS_PATH])


def forget_this_process() -> None:
    """On worker exit: drop its live gauges from the shared multiprocess directory."""
    if os.environ.get(MULTIPROCESS_ENV):
        multiprocess.mark_process_dead(os.getpid())
