import sys

from finetune_desktop.app import main

sys.exit(main())
