from pathlib import Path

from finetune_desktop.core.vocab_cache import cache_name, install_vocabularies


def test_cache_names_match_tiktoken() -> None:
    assert cache_name("o200k_base") == "fb374d419588a4632f3f557e76b4b70aebbca790"
    assert cache_name("cl100k_base") == "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"


def test_install_skips_wrong_hash(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "o200k_base.tiktoken").write_bytes(b"not the vocabulary")
    assert install_vocabularies(tmp_path / "cache", src) == []
