"""Job watching and the local job history, shared by the command line and the window (no Qt).

Import the submodules: ``store``, ``metrics``, ``schedule``, ``update``, ``cost`` and ``launch`` hold no SDK
(screens use them); ``watcher`` and ``session`` talk to the server through ``core/service``.
"""
