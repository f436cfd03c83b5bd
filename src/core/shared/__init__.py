"""The small shared kernel every core module may use: errors, ids, clock, unit of work, paging."""
