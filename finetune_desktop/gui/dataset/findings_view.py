"""The document's findings as the panels read them: numbered, grouped by code, counted by severity."""

from __future__ import annotations

from dataclasses import dataclass

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
