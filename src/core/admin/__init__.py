"""Operators' tools: statistics, activity, content search, the audit log, the cache, recounting the
maintained counts, demo data."""

from core.admin.use_cases.cache import ClearCache, GetCacheStats
from core.admin.use_cases.get_daily_activity import GetDailyActivity
from core.admin.use_cases.get_stats import GetStats
from core.admin.use_cases.get_user_activity import GetUserActivity
from core.admin.use_cases.list_audit_log import ListAuditLog
from core.admin.use_cases.recount import RecountCounts
from core.admin.use_cases.search_articles import SearchArticles
from core.admin.use_cases.seed_demo_data import SeedDemoData, SeedDemoDataCommand, SeedReport

__all__ = [
    "ClearCache",
    "GetCacheStats",
    "GetDailyActivity",
    "GetStats",
    "GetUserActivity",
    "ListAuditLog",
    "RecountCounts",
    "SearchArticles",
    "SeedDemoData",
    "SeedDemoDataCommand",
    "SeedReport",
]
