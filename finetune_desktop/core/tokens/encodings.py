"""Which tokenizer a model uses, and loading it without ever hanging.

We map model names ourselves instead of using ``tiktoken.encoding_for_model``: its prefix table sends
``ft:gpt-4.1-...`` to ``cl100k_base`` (``ft:gpt-4`` matches first), which is wrong. When no vocabulary can
be loaded (no cache, no network) callers get ``None`` and fall back to :func:`estimate_tokens`, and every
count made that way is marked ``estimated``.
"""

from __future__ import annotations

import binascii
import hashlib
import marshal
import math
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from finetune_desktop.core.catalog.model_names import base_model

O200K = "o200k_base"
CL100K = "cl100k_base"
KNOWN_ENCODINGS = (O200K, CL100K)

#: Environment switch: never try to download a vocabulary (tests, air-gapped machines).
OFFLINE_ENV = "FINETUNE_DESKTOP_OFFLINE"
#: Seconds a missing vocabulary may take to download before we give up and estimate.
DOWNLOAD_TIMEOUT = 8.0

_URL = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"

# Order matters: the 4o / 4.1 / 4.5 families must be tested before the plain ``gpt-4`` prefix.
_O200K_RE = re.compile(r"^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|chatgpt-4o|o\d+)(-|$|\.)")
_CL100K_RE = re.compile(r"^(gpt-3\.5|gpt-35|gpt-4|babbage-002|davinci-002|text-embedding-)(-|$|\.)?")


def encoding_for_model(model: str) -> str:
    """``o200k_base`` or ``cl100k_base`` for any model, fine-tune or checkpoint name.

    Unknown names get ``o200k_base``: every model that can still be fine-tuned uses it.
    """
    name = base_model(model).lower()
    if _O200K_RE.match(name):
        return O200K
    if _CL100K_RE.match(name):
        return CL100K
    return O200K


# --- loading -----------------------------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Any] = {}  # encoding name -> tiktoken.Encoding, or None once loading failed
_failures: dict[str, str] = {}


def tiktoken_cache_dir() -> str:
    """The folder tiktoken reads cached vocabularies from (same rules as ``tiktoken.load``)."""
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        return os.environ["TIKTOKEN_CACHE_DIR"]
    if "DATA_GYM_CACHE_DIR" in os.environ:
        return os.environ["DATA_GYM_CACHE_DIR"]
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def _cached_file(encoding: str) -> tuple[Path, bytes] | None:
    """The cached vocabulary file and its bytes when its SHA-256 is the published one, else None."""
    from finetune_desktop.core.tokens.vocab_cache import EXPECTED_SHA256, cache_name

    cache_dir = tiktoken_cache_dir()
    if not cache_dir or encoding not in EXPECTED_SHA256:
        return None
    path = Path(cache_dir) / cache_name(encoding)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return (path, data) if hashlib.sha256(data).hexdigest() == EXPECTED_SHA256[encoding] else None


def _encoding_from_cache(encoding: str, path: Path, data: bytes) -> Any:
    """Build the ``Encoding`` from a verified cached file, faster than ``tiktoken.get_encoding``.

    tiktoken decodes the file's 200,000 base64 lines one Python call at a time (~0.3 s, most of what a
    short ``check`` spends before its first example); we read a ``marshal`` copy of the decoded ranks
    kept beside the file (made once, named after the file and this Python), else decode in bulk and
    write that copy. The regex and special tokens are tiktoken's own (``tiktoken_ext.openai_public``).
    """
    import tiktoken

    from finetune_desktop.core.tokens.vocab_params import ENCODING_PARAMS

    params = ENCODING_PARAMS.get(encoding)
    if params is None:
        return tiktoken.get_encoding(encoding)
    ranks = _load_ranks(path, data)
    pat_str, special_tokens = params
    enc = tiktoken.Encoding(
        name=encoding, pat_str=pat_str, mergeable_ranks=ranks, special_tokens=dict(special_tokens)
    )
    # The encoder (Rust) keeps its own copy of the ranks; tiktoken holds on to the Python dict only to
    # pickle the Encoding, which nothing here does (workers load the vocabulary by name). Dropping it
    # frees ~24 MB in each process that loaded the vocabulary (the window, the forkserver).
    enc._mergeable_ranks = _NotKept(encoding)
    return enc


class _NotKept(dict[bytes, int]):
    """Stands for an encoding's dropped Python ranks: pickling it says why instead of sending nothing."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self.encoding = encoding

    def __reduce__(self) -> Any:
        raise TypeError(
            f"the {self.encoding} encoding from the vocabulary cache keeps no Python copy of its ranks; "
            "load it in the other process with load_encoding() instead of pickling it"
        )


def _ranks_copy(path: Path) -> Path:
    return path.with_name(f"{path.name}.ranks.py{sys.version_info[0]}{sys.version_info[1]}.marshal")


def _load_ranks(path: Path, data: bytes) -> dict[bytes, int]:
    copy = _ranks_copy(path)
    try:
        blob = copy.read_bytes()
        loaded = marshal.loads(blob)
    except (OSError, EOFError, ValueError, TypeError):
        loaded = None
    if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == hashlib.sha256(data).hexdigest():
        ranks = loaded[1]
        if isinstance(ranks, dict):
            return ranks
    fields = data.split()  # "<base64 token> <rank>" per line: no whitespace inside either
    ranks = dict(zip(map(binascii.a2b_base64, fields[0::2]), map(int, fields[1::2]), strict=True))
    try:
        from finetune_desktop.core.files.atomic import atomic_write_bytes

        atomic_write_bytes(copy, marshal.dumps((hashlib.sha256(data).hexdigest(), ranks)))
    except OSError:
        pass  # a read-only cache folder: decode again next time
    return ranks


def _run_with_timeout(fn: Callable[[], Any], timeout: float) -> Any:
    """Run ``fn`` in a daemon thread; raise TimeoutError if it is not done in time (it is abandoned)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            box["error"] = exc

    t = threading.Thread(target=target, name="tiktoken-load", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise TimeoutError(f"loading took more than {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def load_encoding(encoding: str, *, download: bool = True) -> Any | None:
    """The tiktoken ``Encoding`` or ``None`` when its vocabulary is neither cached nor downloadable.

    A cached, hash-checked vocabulary loads directly. Otherwise tiktoken may download it, but only in a
    background thread bounded by :data:`DOWNLOAD_TIMEOUT` and never when ``FINETUNE_DESKTOP_OFFLINE`` is
    set, so an offline machine gets an estimate within seconds instead of a hang.

    ``download=False``: the cached vocabulary or None at once, never a download, a thread or an exception,
    and a miss is not remembered (for a process that forks right after, such as a forkserver: its children
    then load the vocabulary themselves, as usual).
    """
    with _lock:
        if encoding in _loaded:
            return _loaded[encoding]
        enc: Any | None = None
        try:
            import tiktoken

            cached = _cached_file(encoding)
            if cached is not None:
                enc = _encoding_from_cache(encoding, *cached)
            elif not download:
                return None
            elif os.environ.get(OFFLINE_ENV):
                _failures[encoding] = "vocabulary not cached and downloads are off"
            else:
                enc = _run_with_timeout(lambda: tiktoken.get_encoding(encoding), DOWNLOAD_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - any failure means "estimate instead"
            if not download:
                return None
            _failures[encoding] = f"{type(exc).__name__}: {exc}"
            enc = None
        _loaded[encoding] = enc
        return enc


def load_failure(encoding: str) -> str | None:
    """Why :func:`load_encoding` returned None for ``encoding`` (for logs and the report)."""
    return _failures.get(encoding)


def reset_loaded() -> None:
    """Forget loaded encodings (tests switch the cache folder between runs)."""
    with _lock:
        _loaded.clear()
        _failures.clear()


def estimate_tokens(text: str) -> int:
    """A deliberately simple stand-in when no vocabulary is available.

    About four ASCII characters per token and one token per non-ASCII character (CJK characters are close
    to one token each in both encodings; this errs high for accented Latin text). Always marked estimated.
    """
    if not text:
        return 0
    ascii_chars = len(text.encode("ascii", "ignore"))
    return math.ceil(ascii_chars / 4) + (len(text) - ascii_chars)
