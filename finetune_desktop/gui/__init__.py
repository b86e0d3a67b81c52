"""Qt widgets only. Screens call ``core``; long work goes through ``gui.tasks``."""
