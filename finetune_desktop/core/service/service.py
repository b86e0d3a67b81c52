"""``FineTuningService``: the one object screens and commands use to talk to a fine-tuning server.

Every method is synchronous (run it off the UI thread), returns plain dataclasses (never SDK objects, so
``gui/`` needs no ``openai`` import) and raises only :class:`ServiceError` (or ``Cancelled``). Every
server-supplied text in what it returns has passed the key redactor (:mod:`.scrubbed`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx2
import openai

from finetune_desktop.core.accounts.profiles import Profile
from finetune_desktop.core.api.exports import ExportStatus
from finetune_desktop.core.api.records import Checkpoint, EventCursor, Job, JobEvent, JobRequest, MetricRow
from finetune_desktop.core.cancel import CancelToken, ProgressCallback, no_progress
from finetune_desktop.core.service import chat as _chat
from finetune_desktop.core.service import events as _events
from finetune_desktop.core.service import exports as _exports
from finetune_desktop.core.service import files as _files
from finetune_desktop.core.service import jobs as _jobs
from finetune_desktop.core.service import models as _models
from finetune_desktop.core.service import results as _results
from finetune_desktop.core.service.client import DEFAULT_TIMEOUT, ClientFactory
from finetune_desktop.core.service.retry import RetryPolicy, call_with_retry
from finetune_desktop.core.service.scrubbed import scrubbed, scrubbed_stream


class FineTuningService:
    def __init__(self, factory: ClientFactory, policy: RetryPolicy | None = None) -> None:
        self._factory = factory
        self.policy = policy or RetryPolicy()
        self.multipart_threshold = _files.MULTIPART_THRESHOLD
        self.part_size = _files.PART_SIZE

    def __repr__(self) -> str:
        return f"FineTuningService({self._factory!r})"

    @property
    def profile(self) -> Profile:
        return self._factory.profile

    @property
    def base_url(self) -> str | None:
        return self._factory.base_url

    def _client(self) -> openai.OpenAI:
        return self._factory.client()

    @property
    def _key(self) -> str | None:
        return self._factory.api_key

    def close(self) -> None:
        self._factory.close()

    def __enter__(self) -> FineTuningService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # models -------------------------------------------------------------------------------------------
    def list_models(self) -> list[_models.RemoteModel]:
        return scrubbed(_models.list_models(self._client(), policy=self.policy, api_key=self._key))

    def fine_tuned_models(self) -> list[_models.RemoteModel]:
        return _models.fine_tuned_models(self.list_models())

    # files ----------------------------------------------------------------------------------------------
    def upload_file(
        self,
        path: Path | str,
        purpose: str = "fine-tune",
        progress: ProgressCallback = no_progress,
        *,
        cancel: CancelToken | None = None,
        wait: bool = True,
        poll_interval: float = 1.0,
    ) -> _files.FileInfo:
        info = _files.upload_file(
            self._client(),
            path,
            purpose=purpose,
            policy=self.policy,
            api_key=self._key,
            progress=progress,
            cancel=cancel,
            multipart_threshold=self.multipart_threshold,
            part_size=self.part_size,
        )
        if wait:
            info = self.wait_for_file(info.id, poll_interval=poll_interval, cancel=cancel)
        return scrubbed(info)

    def list_files(self, purpose: str | None = None) -> list[_files.FileInfo]:
        return scrubbed(
            _files.list_files(self._client(), policy=self.policy, api_key=self._key, purpose=purpose)
        )

    def wait_for_file(
        self,
        file_id: str,
        *,
        poll_interval: float = 1.0,
        max_wait: float = 1800.0,
        cancel: CancelToken | None = None,
    ) -> _files.FileInfo:
        return scrubbed(
            _files.wait_for_processing(
                self._client(),
                file_id,
                policy=self.policy,
                api_key=self._key,
                poll_interval=poll_interval,
                max_wait=max_wait,
                cancel=cancel,
            )
        )

    # jobs -------------------------------------------------------------------------------------------------
    def create_job(
        self,
        request: JobRequest | None = None,
        *,
        cancel: CancelToken | None = None,
        marker: str | None = None,
        **fields: Any,
    ) -> Job:
        """Create a job from a :class:`JobRequest` (or its fields as keywords); never creates it twice.

        Pass the same ``marker`` when the user tries again after a failure: a job the earlier attempt
        did create is then found instead of made a second time."""
        req = request if request is not None else JobRequest(**fields)
        return scrubbed(
            _jobs.create_job(
                self._client(), req, policy=self.policy, api_key=self._key, cancel=cancel, marker=marker
            )
        )

    def find_job_by_marker(self, marker: str) -> Job | None:
        """The job an earlier create with ``marker`` made, if any (ask before trying a create again)."""
        return scrubbed(
            call_with_retry(
                lambda: _jobs.find_job_by_marker(self._client(), marker),
                operation="find_created_job",
                policy=self.policy,
                api_key=self._key,
            )
        )

    def list_jobs(self, *, limit: int | None = None) -> list[Job]:
        return scrubbed(_jobs.list_jobs(self._client(), policy=self.policy, api_key=self._key, limit=limit))

    def get_job(self, job_id: str) -> Job:
        return scrubbed(_jobs.retrieve_job(self._client(), job_id, policy=self.policy, api_key=self._key))

    def cancel_job(self, job_id: str) -> Job:
        return scrubbed(_jobs.cancel_job(self._client(), job_id, policy=self.policy, api_key=self._key))

    def pause_job(self, job_id: str) -> Job:
        return scrubbed(_jobs.pause_job(self._client(), job_id, policy=self.policy, api_key=self._key))

    def resume_job(self, job_id: str) -> Job:
        return scrubbed(_jobs.resume_job(self._client(), job_id, policy=self.policy, api_key=self._key))

    def new_events(self, job_id: str, seen: EventCursor) -> list[JobEvent]:
        return scrubbed(
            _events.new_events(self._client(), job_id, seen, policy=self.policy, api_key=self._key)
        )

    def list_checkpoints(self, job_id: str) -> list[Checkpoint]:
        return scrubbed(
            _results.list_checkpoints(self._client(), job_id, policy=self.policy, api_key=self._key)
        )

    def result_file_text(self, file_id: str) -> str:
        """A result file's CSV text (decoded from the API's base64)."""
        raw = _results.download_file(self._client(), file_id, policy=self.policy, api_key=self._key)
        return scrubbed(_results.decode_result_file(raw))

    def result_metrics(self, job: Job | str) -> list[MetricRow]:
        if isinstance(job, str):
            job = self.get_job(job)
        return scrubbed(
            _results.result_metrics(self._client(), job.result_files, policy=self.policy, api_key=self._key)
        )

    # chat -------------------------------------------------------------------------------------------------
    def chat(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        stream: bool = True,
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
        cancel: CancelToken | None = None,
        top_p: float | None = None,
    ) -> Iterator[_chat.ChatChunk]:
        """The answer as it arrives (``stream=False``: one chunk with the whole answer and the usage)."""
        if not stream:
            reply = self.chat_once(model, messages, temperature=temperature, max_tokens=max_tokens)
            return iter([_chat.ChatChunk(reply.text, reply.finish_reason, reply.usage)])
        return scrubbed_stream(
            _chat.stream_chat(
                self._client(),
                model,
                messages,
                policy=self.policy,
                api_key=self._key,
                temperature=temperature,
                max_tokens=max_tokens,
                cancel=cancel,
                top_p=top_p,
            )
        )

    def complete(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        *,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        cancel: CancelToken | None = None,
    ) -> _chat.ChatReply:
        """One whole answer in one response, retried as a whole on passing failures (batch runs)."""
        return scrubbed(
            _chat.complete_chat(
                self._client(),
                model,
                messages,
                policy=self.policy,
                api_key=self._key,
                temperature=temperature,
                top_p=top_p,
                max_tokens=max_tokens,
                cancel=cancel,
            )
        )

    def chat_once(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> _chat.ChatReply:
        return scrubbed(
            _chat.chat_once(
                self._client(),
                model,
                messages,
                policy=self.policy,
                api_key=self._key,
                temperature=temperature,
                max_tokens=max_tokens,
            )
        )

    # export (the built-in server's local engine) ----------------------------------------------------
    def export_model(
        self,
        model: str,
        folder: Path | str,
        *,
        merged: bool = False,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
        poll_interval: float = 0.5,
    ) -> ExportStatus:
        """Write a local fine-tune or checkpoint into ``folder`` (a new or empty folder, absolute on the
        server's computer): its LoRA adapter, or with ``merged`` the whole model as a Hugging Face folder.
        Returns when it is written; raises ``ExportFailed`` with the reason in plain words."""
        return scrubbed(
            _exports.export_model(
                self._client(),
                model,
                str(folder),
                merged=merged,
                policy=self.policy,
                api_key=self._key,
                progress=progress,
                cancel=cancel,
                poll_interval=poll_interval,
            )
        )


def connect(
    profile: Profile,
    api_key: str | None,
    *,
    base_url_override: str | None = None,
    max_retries: int = 3,
    timeout: float = DEFAULT_TIMEOUT,
    policy: RetryPolicy | None = None,
    http_client: httpx2.Client | None = None,
) -> FineTuningService:
    """A service for ``profile``; no network traffic and no SDK client until the first call."""
    factory = ClientFactory(
        profile, api_key, base_url_override=base_url_override, timeout=timeout, http_client=http_client
    )
    return FineTuningService(factory, policy or RetryPolicy(max_retries=max_retries))
