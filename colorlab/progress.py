"""A progress line for the command line: redrawn in place on a terminal, plain in a log.

Written here rather than with Keras's ``Progbar`` (which ``keras.utils.get_file`` uses):
that one writes ANSI color codes into log files too, and its line and the error messages
printed between two updates run together on one line.
"""

from __future__ import annotations

import sys


class Progress:
    """Progress on stderr: one line redrawn in place on a terminal, one plain line saying
    what is being done in a file or pipe (stdout stays clean for ``--json`` and paths).

    ``unit="bytes"`` shows megabytes (downloads); otherwise items ("3/10"). An error
    printed through :meth:`break_line` first ends the progress line.

    Example:
        >>> p = Progress(3, "colorizing 3 photos")   # not a terminal here: one plain line
        >>> p.update(1); p.shown
        False
    """

    #: The progress line being drawn on the terminal, if any.
    _open: Progress | None = None

    def __init__(self, total: int, what: str, unit: str = "items"):
        self.total, self.what, self.unit = total, what, unit
        self.live = total > 1 and sys.stderr.isatty()
        if total > 1 and not self.live:
            print(what, file=sys.stderr)

    @property
    def shown(self) -> bool:
        """True when a progress line replaces per-item lines (2+ items on a terminal)."""
        return self.live

    def _amount(self, done: int) -> str:
        if self.unit == "bytes":
            return f"{done / 1e6:.1f}/{self.total / 1e6:.1f} MB"
        return f"{done}/{self.total}"

    def update(self, done: int) -> None:
        """Redraw the line with ``done`` of ``total`` (nothing off a terminal)."""
        if not self.live:
            return
        sys.stderr.write(f"\r{self.what}: {self._amount(done)}")
        if done >= self.total:
            sys.stderr.write("\n")
            Progress._open = None
        else:
            Progress._open = self
        sys.stderr.flush()

    @classmethod
    def break_line(cls) -> None:
        """End the progress line on the terminal, so that the next message gets its own."""
        if cls._open is not None:
            sys.stderr.write("\n")
            sys.stderr.flush()
            cls._open = None
