"""Chinese-ready titles for the finding codes the findings panel groups by.

Core keeps its one-line descriptions (``FINDING_CODES``, and ``LOAD_ISSUE_CODES`` for file problems) in
English for logs, the CLI and reports; the GUI shows these instead, through Qt's translator. The English
text equals core's, which a test checks, so a changed or new code in core shows up as a failing test
rather than as a stale title.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from finetune_desktop.gui.i18n import current_language

translate = QCoreApplication.translate


def finding_title(code: str) -> str | None:
    """The finding code's one-line description in the GUI's language, or None for an unknown code."""
    return _titles(current_language()).get(code)


@lru_cache(maxsize=4)
def _titles(_language: str) -> dict[str, str]:
    """Translated once per language: the findings panel asks on every repaint."""
    return {
        "data_type": translate("FindingTitles", "The line is not a JSON object."),
        "missing_messages_list": translate("FindingTitles", "The example has no non-empty `messages` list."),
        "message_missing_key": translate(
            "FindingTitles", "A message lacks a key its role needs (role, content, tool_call_id or name)."
        ),
        "message_unrecognized_key": translate(
            "FindingTitles", "A message has a key fine-tuning does not accept for its role."
        ),
        "unrecognized_role": translate(
            "FindingTitles", "A message's role is not system, developer, user, assistant, tool or function."
        ),
        "missing_content": translate(
            "FindingTitles", "A message's content is null, empty or of the wrong type."
        ),
        "example_missing_assistant_message": translate(
            "FindingTitles", "The example has no assistant message to learn from."
        ),
        "message_not_object": translate("FindingTitles", "An entry of `messages` is not a JSON object."),
        "invalid_name": translate("FindingTitles", "A message's `name` is not a non-empty string."),
        "invalid_weight": translate("FindingTitles", "An assistant message's `weight` is not 0 or 1."),
        "weight_not_on_assistant": translate(
            "FindingTitles", "`weight` appears on a message that is not from the assistant."
        ),
        "no_trainable_assistant_message": translate(
            "FindingTitles", "Every assistant message has weight 0, so nothing is trained."
        ),
        "empty_assistant_message": translate(
            "FindingTitles", "An assistant message is empty or only whitespace."
        ),
        "empty_message": translate("FindingTitles", "A system, user or tool message is only whitespace."),
        "invalid_tool_call": translate(
            "FindingTitles", 'A tool call lacks an id, type "function" or a function name.'
        ),
        "tool_call_arguments_not_string": translate(
            "FindingTitles", "A tool call's `arguments` is not a string of JSON."
        ),
        "tool_call_arguments_invalid_json": translate(
            "FindingTitles", "A tool call's `arguments` string is not valid JSON."
        ),
        "unmatched_tool_message": translate(
            "FindingTitles", "A tool message answers no earlier tool call of this example."
        ),
        "duplicate_tool_call_id": translate("FindingTitles", "Two tool calls of one example share an id."),
        "invalid_function_call": translate(
            "FindingTitles", "A legacy `function_call` is not an object with a name and arguments."
        ),
        "invalid_tools": translate("FindingTitles", "The example's `tools` list is malformed."),
        "invalid_functions": translate(
            "FindingTitles", "The example's legacy `functions` list is malformed."
        ),
        "invalid_parallel_tool_calls": translate(
            "FindingTitles", "`parallel_tool_calls` is not true or false."
        ),
        "parallel_tool_calls_conflict": translate(
            "FindingTitles", "`parallel_tool_calls` is false but a message makes several calls."
        ),
        "undefined_tool": translate(
            "FindingTitles", "A tool call names a function missing from the example's `tools`."
        ),
        "unknown_top_level_key": translate(
            "FindingTitles", "The example has a top-level key fine-tuning does not use."
        ),
        "invalid_content_part": translate(
            "FindingTitles", "A content part is malformed or of a type fine-tuning does not accept."
        ),
        "invalid_image_url": translate(
            "FindingTitles", "An image URL is neither http(s) nor a JPEG/PNG/WEBP data URL."
        ),
        "image_not_in_user_message": translate("FindingTitles", "An image appears outside a user message."),
        "too_many_images": translate("FindingTitles", "The example has more than 10 images."),
        "image_too_large": translate("FindingTitles", "An embedded image is larger than 10 MB."),
        "invalid_preference_output": translate(
            "FindingTitles", "A preferred/non-preferred output is not exactly one text assistant message."
        ),
        "identical_preference_outputs": translate(
            "FindingTitles", "The preferred and non-preferred outputs are identical."
        ),
        "too_few_examples": translate(
            "FindingTitles", "The file has fewer than 10 examples (OpenAI's minimum)."
        ),
        "few_examples": translate(
            "FindingTitles", "The file has fewer than 50 examples; results are usually weak."
        ),
        "too_many_image_examples": translate("FindingTitles", "More than 50,000 examples contain images."),
        "mixed_formats": translate("FindingTitles", "The file mixes chat and preference (DPO) examples."),
        "example_too_long": translate(
            "FindingTitles", "The example is longer than the model's training context and will be truncated."
        ),
        "missing_system_message": translate("FindingTitles", "The example has no system message."),
        "missing_user_message": translate("FindingTitles", "The example has no user message."),
        "duplicate_example": translate("FindingTitles", "The example is an exact duplicate of another one."),
        "conflicting_answers": translate(
            "FindingTitles", "Another example has the same prompt but a different answer."
        ),
        "train_validation_overlap": translate(
            "FindingTitles", "The example also appears in the validation file."
        ),
        "validator_error": translate(
            "FindingTitles", "The validator could not check this example (a bug: please report it)."
        ),
        # Problems found while reading a file or a table (core.dataset.examples.LOAD_ISSUE_CODES).
        "invalid_json": translate(
            "FindingTitles", "The line is not valid JSON; it was not loaded (kept as a rejected line)."
        ),
        "invalid_utf8": translate(
            "FindingTitles", "The line holds bytes that are not UTF-8; it was not loaded (kept as rejected)."
        ),
        "bom": translate(
            "FindingTitles",
            "The line starts with a UTF-8 byte order mark; it was loaded, saving removes the mark.",
        ),
        "crlf": translate(
            "FindingTitles",
            "Lines end with Windows line endings (CRLF); they were loaded, saving writes plain LF.",
        ),
        "blank_line": translate("FindingTitles", "An empty line; it holds no example and saving drops it."),
        "not_an_object": translate(
            "FindingTitles",
            "The line is valid JSON but not an object {...}; it was not loaded (kept as rejected).",
        ),
        "unreadable_file": translate("FindingTitles", "The file could not be read at all."),
        "not_jsonl": translate(
            "FindingTitles", "The whole file is of another kind (Excel, zip, UTF-16 text), not JSON Lines."
        ),
        "bad_row": translate(
            "FindingTitles",
            "A table row could not be read as expected (wrong number of cells or broken quoting).",
        ),
        "encoding": translate(
            "FindingTitles", "The table was not UTF-8; it was decoded with another encoding."
        ),
        "no_assistant": translate(
            "FindingTitles", "A table row has no assistant reply in any mapped column."
        ),
        "missing_user": translate("FindingTitles", "A turn has an assistant reply but no user message."),
        "missing_reply": translate("FindingTitles", "A turn has a user message but no assistant reply."),
        "empty_row": translate(
            "FindingTitles", "A table row has no text in any mapped column; it was skipped."
        ),
        "empty_turn": translate(
            "FindingTitles", "A turn in the middle of a table row is empty; it was skipped."
        ),
    }
