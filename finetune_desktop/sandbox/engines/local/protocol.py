"""File names shared by the server side (``run.py``) and the training child (``worker.py``)."""

from __future__ import annotations

PAUSE_FLAG = "pause"
PROGRESS_FILE = "progress.jsonl"
KEEP_CHECKPOINTS = 3
#: the server's process id, for training processes that a launcher (not the server) started
SERVER_PID_ENV = "FINETUNE_LOCAL_SERVER_PID"
