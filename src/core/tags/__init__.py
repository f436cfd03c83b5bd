"""Tags: the list of tags in use."""

from core.tags.use_cases.list_tags import DEFAULT_TAGS, MAX_TAGS, ListTags

__all__ = ["DEFAULT_TAGS", "MAX_TAGS", "ListTags"]
