"""kg: an offline knowledge-graph builder for news text."""

from __future__ import annotations

__version__ = "0.1.0"
