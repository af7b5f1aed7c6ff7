"""``python -m geoinc ...``: the same command line as the ``geoinc`` script."""

import sys

from geoinc.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
