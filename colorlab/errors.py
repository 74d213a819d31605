"""Errors that colorlab raises for bad input."""

from __future__ import annotations


class ImageError(ValueError):
    """A photo could not be used: the message names the file (or array) and what to do.

    Example:
        >>> raise ImageError("holiday.jpg is empty (0 bytes): copy the photo again.")
        Traceback (most recent call last):
        ...
        colorlab.errors.ImageError: holiday.jpg is empty (0 bytes): copy the photo again.
    """
