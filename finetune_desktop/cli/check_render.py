"""The human report of ``finetune-desktop check`` (imported only when the command runs)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from finetune_desktop.core.catalog.pricing import money
from finetune_desktop.core.check.run import CheckReport
from finetune_desktop.core.validation.findings import Finding, Severity


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _where(f: Finding) -> str:
    parts = [f"{f.file or ''}:{f.line}" if f.line is not None else (f.file or "(file)")]
    if f.example is not None:
        parts.append(f"example {f.example + 1}")
    if f.path:
        parts.append(f.path)
    return "  ".join(parts)


def render(r: CheckReport, per_code: int | None = None) -> str:
    """The human-readable report: summary first, then each finding with its place and fix (at most
    ``per_code`` of each code, so 30,000 identical warnings do not bury the one error)."""
    t = r.tokens
    info = r.model_info
    lines = [f"{r.file}: {_plural(r.examples, 'example')}, {r.format.value} format, model {r.model}"]
    if r.validation_file:
        lines.append(
            f"validation file: {r.validation_file}: {_plural(r.validation_examples or 0, 'example')}"
        )
    if t.estimated:
        lines.append(
            "ESTIMATE: the tokenizer vocabulary could not be loaded, so every token count and price below is "
            "an approximation."
        )
    lines.append("")
    lines.append(f"Findings: {_plural(r.error_count, 'error')}, {_plural(r.warning_count, 'warning')}")
    severity = r.severities
    counts = r.counts_by_code()
    for code, n in sorted(counts.items(), key=lambda kv: (severity[kv[0]] != Severity.ERROR, kv[0])):
        lines.append(f"  {severity[code].value:<8} {code:<36} {n:>8,}")
    est = " (ESTIMATE)" if t.estimated else ""
    lines.append("")
    lines.append(
        f"Tokens per example{est}: min {t.min:,} · median {t.p50:,} · p90 {t.p90:,} · max {t.max_example:,}"
    )
    cap = info.training_context
    cap_text = f"capped at {cap:,} per example" if cap else "no per-example cap known"
    if info.training_context and not info.training_context_verified:
        cap_text += ", limit not confirmed by OpenAI"
    lines.append(f"Total tokens{est}: {t.total:,}   billed ({cap_text}): {t.billed:,}")
    if t.truncated_examples:
        lines.append(f"  {_plural(t.truncated_examples, 'example')} longer than the limit will be truncated")
    how = f"OpenAI's default for {_plural(r.examples, 'example')}" if r.epochs_is_default else "as requested"
    lines.append(f"Epochs: {r.epochs} ({how})")
    lines.append(_cost_line(r))
    today = date.today()
    if info.is_shut_down(today):
        lines.append(f"Note: {info.id} was shut down on {info.shutdown_date}.")
    elif not info.accepts_new_jobs(today):
        lines.append(f"Note: new fine-tuning jobs for {info.id} are no longer accepted.")
    elif info.new_jobs_until:
        lines.append(
            f"Note: OpenAI accepts new jobs for {info.id} until {info.new_jobs_until}; "
            f"the model shuts down on {info.shutdown_date}."
        )
    if r.findings:
        lines.append("")
        shown: Counter[str] = Counter()
        for f in r.findings:
            shown[f.code] += 1
            if per_code is not None and shown[f.code] > per_code:
                continue
            lines.append(f"{_where(f)}  [{f.severity.value} {f.code}]")
            lines.append(f"    {f.message}")
            if f.fix:
                lines.append(f"    fix: {f.fix}")
        kept = Counter(f.code for f in r.findings)
        for code in sorted(shown):
            listed = shown[code] if per_code is None else min(shown[code], per_code)
            n = counts[code] - listed
            if n <= 0:
                continue
            if kept[code] == counts[code]:
                lines.append(f"... and {n:,} more {code} (use --all or --json to see every finding)")
            elif listed < kept[code]:
                lines.append(
                    f"... and {n:,} more {code} (use --all or --json to see the first {kept[code]:,})"
                )
            else:
                lines.append(
                    f"... and {n:,} more {code} (only the first {kept[code]:,} of each kind are kept)"
                )
    return "\n".join(lines)


def _cost_line(r: CheckReport) -> str:
    c = r.cost
    if c.usd is None:
        return f"Estimated cost: unknown (no per-token training price for {r.model_info.id} in the catalog)"
    mark = "ESTIMATE " if c.estimated else ""
    text = f"Estimated cost: {mark}${money(c.usd):,} (at ${c.price_per_1m} per 1M training tokens"
    text += f", prices last published {c.prices_date})" if c.prices_date else ")"
    if c.local is not None and c.currency != "USD":
        rate_when = f" of {c.rate_date}" if c.rate_date else ""
        text += f" ≈ {c.currency} {money(c.local):,} (rate {c.rate}{rate_when})"
    return text
