"""The document's findings as the panels read them: numbered, grouped by code, counted by severity."""

from __future__ import annotations

from dataclasses import dataclass

from finetune_desktop.core.dataset.examples import LoadIssue
from finetune_desktop.core.validation.findings import Finding, Severity
from finetune_desktop.gui.dataset.findings_model import FindingGroup, group_findings


@dataclass
class FindingsView:
    """All findings in order (load problems, file-wide, per example) and grouped by code, numbered as
    the rows were at ``version`` (``DatasetDocument.structure_version``); ``loaded`` load problems."""

    version: int
    loaded: int
    findings: list[Finding]
    groups: list[FindingGroup]
    errors: int

    @classmethod
    def of(cls, version: int, loaded: int, findings: list[Finding]) -> FindingsView:
        errors = sum(1 for f in findings if f.severity == Severity.ERROR)
        return cls(version, loaded, findings, group_findings(findings), errors)


def issue_to_finding(issue: LoadIssue, file: str | None) -> Finding:
    """A problem the reader met (a line that is not JSON, ...) as a finding of the file."""
    sev = Severity.ERROR if issue.fatal else Severity.WARNING
    params = issue.params if issue.column is None else {**issue.params, "column": issue.column}
    return Finding(
        issue.code, sev, issue.message, issue.fix, issue.line, None, None, file, issue.variant, params
    )
