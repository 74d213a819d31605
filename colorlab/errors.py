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


class ModelError(ValueError):
    """A model could not be loaded or used: the message says which and what to do.

    Example:
        >>> raise ModelError("no model called 'x': choose one of scenes_regression")
        Traceback (most recent call last):
        ...
        colorlab.errors.ModelError: no model called 'x': choose one of scenes_regression
    """


class DownloadError(OSError):
    """A photo collection could not be fetched or verified: the message says why and what to do.

    Example:
        >>> raise DownloadError("could not download x.tgz: no internet.")
        Traceback (most recent call last):
        ...
        colorlab.errors.DownloadError: could not download x.tgz: no internet.
    """
