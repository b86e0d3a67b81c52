"""What the forkserver loads once for every worker process it forks: the check's code and the vocabulary.

In a process with threads (the window, the local server) check's workers start from a forkserver (see
``tokens.counter.process_context``). Each worker used to import the check and load its own copy of the
o200k vocabulary (~0.35 s and ~100 MB each, on every check); loaded here once, in the server, every worker
forked from it shares those pages and starts counting at once.

The forkserver imports this module by name (``set_forkserver_preload``): it must not raise, and must not
start a thread (the server forks from it), so only a vocabulary already in the cache is loaded, never a
download.
"""

from __future__ import annotations

from finetune_desktop.core.check import pipeline as _pipeline  # noqa: F401 - imported to be inherited
from finetune_desktop.core.tokens.encodings import load_encoding

#: Every fine-tunable model in the catalog counts with it (the workers load any other on first use).
PRELOADED_ENCODING = "o200k_base"

load_encoding(PRELOADED_ENCODING, download=False)
