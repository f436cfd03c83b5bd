"""Logging set-up: JSON lines in production, readable text in development, a request id on every line.

Nothing here logs headers or bodies; the access line carries method, path, status and duration only,
so neither the Authorization header nor a password can reach the logs.
"""

import atexit
import json
import logging
import logging.handlers
import queue
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from entrypoints.settings import Settings

REQUEST_ID: ContextVar[str | None] = ContextVar("conduit_request_id", default=None)
TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(request_id)s] %(message)s"
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id", "color_message"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "pid": record.process,  # tells the workers of one server apart
        }
        line.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class _Listener(logging.handlers.QueueListener):
    """Stopping twice (reconfigured, then at exit) is harmless."""

    running = False

    def start(self) -> None:
        super().start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.running = False
            super().stop()


class _ConduitHandler(logging.handlers.QueueHandler):
    """Hands records to a thread that formats and writes them: no blocking write on the event loop.
    Marks the handler this module installed, so configuring again replaces it."""

    def __init__(self, listener: _Listener, log_queue: "queue.SimpleQueue[Any]") -> None:
        super().__init__(log_queue)
        self.listener = listener

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record.message = record.getMessage()  # the arguments as they are now; the rest is formatted later
        return record

    def emit(self, record: logging.LogRecord) -> None:
        if self.listener.running:
            super().emit(record)
        else:  # shutting down: the thread is gone, write at once so that no line is lost
            self.listener.handle(self.prepare(record))


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    root = logging.getLogger()
    reset_logging()
    output = logging.StreamHandler(stream or sys.stderr)
    output.setFormatter(JsonFormatter() if settings.json_logs else logging.Formatter(TEXT_FORMAT))
    log_queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
    listener = _Listener(log_queue, output)
    handler = _ConduitHandler(listener, log_queue)
    handler.addFilter(RequestIdFilter())  # runs in the caller, where the request id is known
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    listener.start()
    atexit.register(listener.stop)
    for name in ("uvicorn", "uvicorn.error"):  # the server's own lines go through the same handler
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # replaced by conduit.access, with request ids


def flush_logs() -> None:
    """Write out every record queued so far (tests, and before a process hands over its output)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _ConduitHandler):
            handler.listener.stop()  # drains the queue
            handler.listener.start()


def write_directly() -> None:
    """From now on write each record at once, after every queued one. Called when the server has shut
    down the app: the last lines (uvicorn's "Application shutdown complete", "Finished server process")
    then reach the output even if the process ends before its exit handlers run."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _ConduitHandler):
            handler.listener.stop()


def reset_logging() -> None:
    """Remove what configure_logging installed, after writing out what it queued."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _ConduitHandler)]:
        root.removeHandler(handler)
        handler.listener.stop()
