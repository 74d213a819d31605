"""``python -m colorlab COMMAND``: the ``colorlab`` command (see :mod:`colorlab.cli`).

The same on every system, whether or not the virtual environment's ``bin`` (``Scripts`` on
Windows) folder is on the PATH: ``python -m colorlab check``.
"""

import sys

from colorlab.cli import main

sys.exit(main())
