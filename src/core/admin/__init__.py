"""Operators' tools: site statistics, the audit log, the cache, and recounting the maintained counts."""

from core.admin.use_cases.cache import ClearCache, GetCacheStats
from core.admin.use_cases.get_stats import GetStats
from core.admin.use_cases.list_audit_log import ListAuditLog
from core.admin.use_cases.recount import RecountCounts

__all__ = ["ClearCache", "GetCacheStats", "GetStats", "ListAuditLog", "RecountCounts"]
