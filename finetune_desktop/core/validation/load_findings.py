"""The reader's issues (a line that is not JSON, a BOM, CRLF line ends...) as findings of the file: one
wording for ``check``, the editor and the table import."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from finetune_desktop.core.dataset.examples import LoadIssue
from finetune_desktop.core.validation.codes import make_finding
from finetune_desktop.core.validation.findings import Finding, Severity


def issue_findings(
    issues: Iterable[LoadIssue], file: str | None, *, cookbook: bool = True
) -> Iterator[Finding]:
    """Each issue as a finding of ``file``; with ``cookbook``, a line that is JSON but not an object also
    gets the cookbook's code ``data_type`` (what the notebook reports for it: ``check`` lists both, the
    editor shows one finding per line problem). An issue's column, when known, is in the finding's
    ``params`` (the GUI words it)."""
    for issue in issues:
        params = issue.params if issue.column is None else {**issue.params, "column": issue.column}
        yield Finding(
            code=issue.code,
            severity=Severity.ERROR if issue.fatal else Severity.WARNING,
            message=issue.message,
            fix=issue.fix,
            line=issue.line,
            file=file,
            path=None,
            variant=issue.variant,
            params=params,
        )
        if cookbook and issue.code == "not_an_object":
            data_type = make_finding(
                "data_type", issue.message, index=None, line=issue.line, path=None, params=issue.params
            )
            yield dataclasses.replace(data_type, file=file)
