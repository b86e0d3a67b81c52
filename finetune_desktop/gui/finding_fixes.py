"""What to do, in plain words, for every finding code (and the variants that need their own advice).

No advice asks for a JSON validator or for typing JSON where the editor can do it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def fix_templates() -> dict[tuple[str, str], str]:
    """Keyed by (code, variant); variant "" is the code's default. Placeholders: see finding_text."""
    return {
        ("data_type", ""): translate(
            "FindingFixes", "Make the line one example with its messages, or delete it."
        ),
        ("missing_messages_list", ""): translate(
            "FindingFixes", "Add a user message and the assistant's reply."
        ),
        ("message_missing_key", "role"): translate(
            "FindingFixes", "Choose who speaks: system, user, assistant or tool."
        ),
        ("message_missing_key", "function_name"): translate(
            "FindingFixes", "Add the name of the function whose result this is."
        ),
        ("message_missing_key", "content"): translate("FindingFixes", "Write the message's text."),
        ("message_missing_key", "tool_call_id"): translate(
            "FindingFixes", "Give the tool result the id of the tool call it answers."
        ),
        ("message_unrecognized_key", "unknown"): translate("FindingFixes", "Remove the field {key}."),
        ("message_unrecognized_key", "role_only"): translate(
            "FindingFixes", "Remove the field {key} from this message, or make it a {allowed} message."
        ),
        ("unrecognized_role", ""): translate(
            "FindingFixes", "Choose one of the roles system, user, assistant or tool."
        ),
        ("example_missing_assistant_message", ""): translate(
            "FindingFixes", "Add a reply from the assistant with the answer the model should learn."
        ),
        ("missing_content", ""): translate("FindingFixes", "Write the message's text."),
        ("missing_content", "wrong_type"): translate("FindingFixes", "Replace it with the message's text."),
        ("message_not_object", ""): translate(
            "FindingFixes", "Replace it with a message that has a role and a text, or delete it."
        ),
        ("invalid_name", ""): translate("FindingFixes", "Give the name as text, or remove it."),
        ("invalid_weight", ""): translate(
            "FindingFixes", "Set the weight to 0 (skip this reply in training) or 1 (train on it)."
        ),
        ("weight_not_on_assistant", ""): translate(
            "FindingFixes", "Remove the weight: only the assistant's replies take one."
        ),
        ("no_trainable_assistant_message", ""): translate(
            "FindingFixes", 'Tick "Train on this reply" on at least one reply, or delete the example.'
        ),
        ("empty_assistant_message", ""): translate(
            "FindingFixes", "Write the answer the model should give, or delete the empty reply."
        ),
        ("empty_message", ""): translate("FindingFixes", "Write the message's text, or delete the message."),
        ("invalid_tool_call", ""): translate(
            "FindingFixes",
            'Give each tool call an id, the type "function", and the name and arguments of '
            "the function it calls.",
        ),
        ("tool_call_arguments_not_string", ""): translate(
            "FindingFixes", "Write the arguments as JSON text in quotes."
        ),
        ("tool_call_arguments_invalid_json", ""): translate(
            "FindingFixes", "Correct the arguments at the spot shown (quotes, commas, brackets)."
        ),
        ("unmatched_tool_message", ""): translate(
            "FindingFixes",
            "Give the tool result the id of a tool call made by an earlier reply, or delete it.",
        ),
        ("duplicate_tool_call_id", ""): translate(
            "FindingFixes", "Give every tool call of the example its own id."
        ),
        ("invalid_function_call", ""): translate(
            "FindingFixes", "Give the function call a name and arguments, or better use tool calls."
        ),
        ("invalid_tools", ""): translate(
            "FindingFixes", 'Describe each tool with the type "function", a name and its parameters.'
        ),
        ("invalid_functions", ""): translate(
            "FindingFixes", "Describe each function with a name and its parameters, or better use tools."
        ),
        ("invalid_parallel_tool_calls", ""): translate("FindingFixes", "Set it to true or false."),
        ("parallel_tool_calls_conflict", ""): translate(
            "FindingFixes", "Switch parallel tool calls on, or spread the calls over several turns."
        ),
        ("undefined_tool", ""): translate(
            "FindingFixes", "Add the function to the example's tools, or correct the function's name."
        ),
        ("unknown_top_level_key", ""): translate(
            "FindingFixes", "Remove the field: OpenAI ignores it or rejects the file."
        ),
        ("invalid_content_part", ""): translate(
            "FindingFixes", "Use text parts, and image parts in user messages only."
        ),
        ("invalid_content_part", "dpo_image"): translate(
            "FindingFixes", "Remove the image, or train on this example with supervised fine-tuning instead."
        ),
        ("invalid_content_part", "bad_detail"): translate(
            "FindingFixes", "Set the image detail to auto, low or high, or remove it."
        ),
        ("invalid_image_url", ""): translate(
            "FindingFixes", "Use an https:// address or an embedded JPEG, PNG or WEBP image."
        ),
        ("image_not_in_user_message", ""): translate("FindingFixes", "Move the image into a user message."),
        ("too_many_images", ""): translate(
            "FindingFixes", "Keep at most {limit} images per example; split the example."
        ),
        ("image_too_large", ""): translate(
            "FindingFixes", "Shrink or recompress the image below {limit_mb} MB."
        ),
        ("invalid_preference_output", ""): translate(
            "FindingFixes", "Make it exactly one reply from the assistant, with text only."
        ),
        ("identical_preference_outputs", ""): translate(
            "FindingFixes", "Change the rejected reply so that it differs from the preferred one."
        ),
        ("too_few_examples", ""): translate("FindingFixes", "Add examples: OpenAI needs at least {minimum}."),
        ("few_examples", ""): translate(
            "FindingFixes", "Add examples: 50 to 100 good ones usually give clear improvements."
        ),
        ("too_many_image_examples", ""): translate(
            "FindingFixes", "Keep at most {limit} examples with images; remove or split the rest."
        ),
        ("mixed_formats", ""): translate(
            "FindingFixes", "Keep one kind per file: move these examples to a separate file."
        ),
        ("example_too_long", ""): translate(
            "FindingFixes", "Shorten the example or split the conversation; its end would be cut off."
        ),
        ("missing_system_message", ""): translate(
            "FindingFixes", "Add the same system message you will use in production."
        ),
        ("missing_user_message", ""): translate(
            "FindingFixes", "Add the user message the assistant answers."
        ),
        ("duplicate_example", ""): translate(
            "FindingFixes", "Delete the copy: it only makes training longer and more expensive."
        ),
        ("conflicting_answers", ""): translate(
            "FindingFixes", "Keep the better answer, or make the prompts differ."
        ),
        ("train_validation_overlap", ""): translate(
            "FindingFixes", "Remove the example from one of the two files."
        ),
        ("validator_error", ""): translate(
            "FindingFixes", "Check this example by hand and report the problem."
        ),
        ("invalid_json", "syntax"): translate(
            "FindingFixes",
            "Correct the line at the character shown: look for a missing comma, quote or bracket.",
        ),
        ("invalid_json", "multiline"): translate(
            "FindingFixes", "Save the file again as JSON Lines: one complete example per line."
        ),
        ("invalid_json", "extra_data"): translate(
            "FindingFixes", "Keep one example per line: delete what follows the closing brace."
        ),
        ("invalid_json", "quotes"): translate(
            "FindingFixes",
            "Put double quotes around names and texts, and remove the comma before a closing bracket.",
        ),
        ("invalid_json", "control_character"): translate(
            "FindingFixes", "Write a line break inside a text as \\n and a tab as \\t."
        ),
        ("invalid_json", "constant"): translate(
            "FindingFixes", "Replace NaN or Infinity with a number or null."
        ),
        ("invalid_json", "deep"): translate("FindingFixes", "Make the line less deeply nested."),
        ("invalid_utf8", ""): translate(
            "FindingFixes",
            "Save the file as UTF-8 (in Excel or Notepad: Save as, encoding UTF-8), or "
            "correct the text at that spot.",
        ),
        ("bom", ""): translate("FindingFixes", "Nothing to do: saving removes the mark."),
        ("crlf", ""): translate("FindingFixes", "Nothing to do: saving writes plain line endings (LF)."),
        ("blank_line", ""): translate("FindingFixes", "Nothing to do: saving drops empty lines."),
        ("not_an_object", ""): translate(
            "FindingFixes", "Make the line one example with its messages, or delete it."
        ),
        ("not_jsonl", "zip"): translate("FindingFixes", "Import it with File > Import CSV or Excel."),
        ("not_jsonl", "xls"): translate("FindingFixes", "Save it as .xlsx or CSV, then import it."),
        ("not_jsonl", "utf16"): translate(
            "FindingFixes", "Save the file as UTF-8 (in Notepad: Save as, encoding UTF-8)."
        ),
        ("unreadable_file", ""): translate(
            "FindingFixes", "Check that the file exists and that you may read it."
        ),
        ("bad_row", "cells"): translate(
            "FindingFixes",
            "Usually a delimiter inside text without quotes: put such text in double quotes. "
            "The extra cells are kept as columns from {extra_column} on.",
        ),
        ("bad_row", "quoting"): translate(
            "FindingFixes",
            "Check the double quotes in this row: a quoted cell ends with a quote, and a "
            "quote inside it is written twice.",
        ),
        ("encoding", ""): translate(
            "FindingFixes",
            "Check the preview; if the text looks wrong, save the file as CSV UTF-8 and import it again.",
        ),
        ("no_assistant", "kept"): translate("FindingFixes", "Write the reply in the editor."),
        ("no_assistant", "skipped"): translate(
            "FindingFixes", "Write the reply in the assistant column, then import again."
        ),
        ("missing_user", ""): translate("FindingFixes", "Write the user message this reply answers."),
        ("missing_reply", ""): translate(
            "FindingFixes",
            "Write the assistant's reply: an example should end with the answer the model is to learn.",
        ),
        ("empty_row", ""): translate(
            "FindingFixes", "Fill in the row, or check that the right columns are mapped."
        ),
        ("empty_turn", ""): translate("FindingFixes", "Move the later turns up, or fill in this one."),
    }
