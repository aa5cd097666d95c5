"""The REST API (FastAPI): translates HTTP requests into service calls, nothing more."""

from coordina.api.app import create_app

__all__ = ["create_app"]
