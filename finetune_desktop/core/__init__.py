"""The engine: pure Python, no Qt. Everything here is usable from a script and tested without a screen.

Packages: ``dataset`` (examples, JSONL read/write, tabular import, split, mending), ``files`` (atomic
save, regular-file check), ``check`` (the fast one-pass file check), ``validation`` (rules, findings,
fixes), ``tokens`` (tokenizers, counting, the offline vocabularies), ``catalog`` (models, names, prices),
``accounts`` (profiles, keys, redaction, the connection check), ``api`` (the API's records and errors, no
SDK), ``service`` (every call to a server), ``jobs`` and ``compare``. Top level: ``paths``, ``cancel``,
``about``, ``logging_setup``.
"""
