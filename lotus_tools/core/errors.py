"""The one kind of error a reader may meet: a sentence about one field, for the page's ``{"ok": false}`` envelope.

The scoring (:class:`~lotus_tools.core.risk.RiskError`), the records
(:class:`~lotus_tools.core.record.FillError`) and the worker's requests
(:class:`~lotus_tools.core.worker_api.RequestError`) each raise their own
subclass, as itsdangerous' errors share ``BadData``; the worker answers any of
them in words.
"""

from __future__ import annotations


class ReaderError(ValueError):
    """Bad input, said in plain English: ``field`` names what was wrong, ``message`` says what it allows."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
