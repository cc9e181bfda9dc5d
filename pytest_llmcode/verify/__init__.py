"""Helpers for behaviour checks: pixels of screenshots, three.js scenes, project layout."""
