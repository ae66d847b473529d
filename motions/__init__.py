"""The Flask application: conferences, headings, motions and amendments."""

from motions.app import create_app

__all__ = ["create_app"]
