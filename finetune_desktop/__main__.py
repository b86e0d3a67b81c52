import sys

from finetune_desktop.cli import main

sys.exit(main())
