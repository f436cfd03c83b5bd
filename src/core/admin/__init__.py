"""Operators' read models: site statistics and the audit log."""

from core.admin.use_cases.cache import ClearCache, GetCacheStats
from core.admin.use_cases.get_stats import GetStats
from core.admin.use_cases.list_audit_log import ListAuditLog

__all__ = ["ClearCache", "GetCacheStats", "GetStats", "ListAuditLog"]
