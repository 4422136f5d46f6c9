"""docschema: Microsoft Graph-style markdown resource docs → model, Python, JSON Schema, OpenAPI."""

from __future__ import annotations

__version__ = "0.1.0"
