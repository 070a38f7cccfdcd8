"""The web application: JSON API and public pages (docs/web.md)."""
