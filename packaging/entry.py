"""The frozen app's entry point: the same ``main`` as the ``tutor-app`` console script."""

import multiprocessing
import sys

from tutor_app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
