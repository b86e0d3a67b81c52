from pathlib import Path

from finetune_desktop.core.tokens.vocab_cache import cache_name, install_vocabularies
from tests.conftest import SHARED


def test_cache_names_match_tiktoken() -> None:
    assert cache_name("o200k_base") == "fb374d419588a4632f3f557e76b4b70aebbca790"
    assert cache_name("cl100k_base") == "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"


def test_install_skips_wrong_hash(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "o200k_base.tiktoken").write_bytes(b"not the vocabulary")
    assert install_vocabularies(tmp_path / "cache", src) == []


def _bundle(folder: Path) -> Path:
    assert install_vocabularies(folder, SHARED / "tiktoken"), "the shared folder has no vocabularies"
    return folder


def test_install_takes_tiktoken_cache_names_too(tmp_path: Path) -> None:
    machine_cache = _bundle(tmp_path / "machine")
    assert sorted(install_vocabularies(tmp_path / "bundle", machine_cache)) == ["cl100k_base", "o200k_base"]


def test_bundled_cache_is_used_when_the_user_chose_none(tmp_path: Path) -> None:
    from finetune_desktop.core.tokens.vocab_cache import use_bundled_cache

    bundled = _bundle(tmp_path / "bundle")
    env: dict[str, str] = {}
    assert use_bundled_cache(env, bundled)
    assert env == {"TIKTOKEN_CACHE_DIR": str(bundled)}


def test_the_users_own_cache_folder_wins(tmp_path: Path) -> None:
    from finetune_desktop.core.tokens.vocab_cache import use_bundled_cache

    bundled = _bundle(tmp_path / "bundle")
    for name in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        env = {name: "/home/me/cache"}
        assert not use_bundled_cache(env, bundled)
        assert env == {name: "/home/me/cache"}


def test_no_bundle_no_change(tmp_path: Path) -> None:
    from finetune_desktop.core.tokens.vocab_cache import bundled_cache_dir, use_bundled_cache

    env: dict[str, str] = {}
    assert not use_bundled_cache(env, tmp_path / "empty")
    assert env == {}
    assert bundled_cache_dir().name == "tiktoken"
