"""``python -m finetune_desktop`` and the entry script of the frozen (PyInstaller) app."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First thing in a frozen app: a worker process started by ``check`` re-runs this executable, and
    # freeze_support() turns that run into the worker instead of a second app.
    multiprocessing.freeze_support()
    from finetune_desktop.app import main

    sys.exit(main())
