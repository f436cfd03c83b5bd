"""Operators' tools: site statistics, the audit log, the cache and demo data."""

from core.admin.use_cases.cache import ClearCache, GetCacheStats
from core.admin.use_cases.get_stats import GetStats
from core.admin.use_cases.list_audit_log import ListAuditLog
from core.admin.use_cases.seed_demo_data import SeedDemoData, SeedDemoDataCommand, SeedReport

__all__ = [
    "ClearCache",
    "GetCacheStats",
    "GetStats",
    "ListAuditLog",
    "SeedDemoData",
    "SeedDemoDataCommand",
    "SeedReport",
]
