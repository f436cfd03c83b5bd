"""Article, feed and favorite endpoints."""
