"""What is wrong, in plain words, for every finding code and variant (see ``finding_text``).

Sentences start with the place (``{where}``: "the 2nd message"); the JSON path is shown apart, smaller.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def detail_templates() -> dict[tuple[str, str], str]:
    """Keyed by (code, variant); variant "" is the code's default. Placeholders: see finding_text."""
    return {
        ("data_type", ""): translate("FindingDetails", "The line is {found}, not an example object."),
        ("missing_messages_list", "missing"): translate("FindingDetails", "The example has no messages."),
        ("missing_messages_list", "empty"): translate(
            "FindingDetails", "The example's list of messages is empty."
        ),
        ("missing_messages_list", "wrong_type"): translate(
            "FindingDetails", "The example's messages are {found} instead of a list."
        ),
        ("missing_messages_list", "input"): translate(
            "FindingDetails", "The prompt is {found} instead of an object that holds the messages."
        ),
        ("message_missing_key", "role"): translate(
            "FindingDetails", "{where} does not say who speaks (it has no role)."
        ),
        ("message_missing_key", "function_name"): translate(
            "FindingDetails", "{where} is a function result without the function's name."
        ),
        ("message_missing_key", "content"): translate("FindingDetails", "{where} ({role}) has no text."),
        ("message_missing_key", "tool_call_id"): translate(
            "FindingDetails", "{where} is a tool result that does not say which tool call it answers."
        ),
        ("message_unrecognized_key", "unknown"): translate(
            "FindingDetails", "{where} has a field {key} that fine-tuning does not accept."
        ),
        ("message_unrecognized_key", "role_only"): translate(
            "FindingDetails",
            "{where} is a {role} message but has the field {key}, which only {allowed} messages may have.",
        ),
        ("unrecognized_role", ""): translate(
            "FindingDetails", "{where} has the role {value}, which fine-tuning does not know."
        ),
        ("example_missing_assistant_message", ""): translate(
            "FindingDetails", "The example has no reply from the assistant, so there is nothing to learn."
        ),
        ("missing_content", "null"): translate("FindingDetails", "{where} ({role}) has no text."),
        ("missing_content", "empty_list"): translate("FindingDetails", "{where} ({role}) has no text."),
        ("missing_content", "empty"): translate("FindingDetails", "{where} ({role}) has no text."),
        ("missing_content", "wrong_type"): translate(
            "FindingDetails",
            "The text of {where} is {found}; it must be text or a list of text and image parts.",
        ),
        ("message_not_object", ""): translate("FindingDetails", "{where} is {found}, not a message."),
        ("invalid_name", ""): translate(
            "FindingDetails", "{where} has the name {value}; a name must be text that is not empty."
        ),
        ("invalid_weight", ""): translate(
            "FindingDetails",
            "{where} has the weight {value}; it must be 0 (do not train on this reply) or 1 (train on it).",
        ),
        ("weight_not_on_assistant", ""): translate(
            "FindingDetails",
            "{where} is a {role} message with a weight; only the assistant's replies take one.",
        ),
        ("no_trainable_assistant_message", "one"): translate(
            "FindingDetails",
            "The only assistant reply has weight 0, so the model learns nothing from this example.",
        ),
        ("no_trainable_assistant_message", "all"): translate(
            "FindingDetails",
            "All {count} assistant replies have weight 0, so the model learns nothing from this example.",
        ),
        ("empty_assistant_message", "empty"): translate(
            "FindingDetails", "{where} is an empty reply: the model would learn to answer nothing."
        ),
        ("empty_assistant_message", "whitespace"): translate(
            "FindingDetails", "{where} is a reply of only spaces: the model would learn to answer nothing."
        ),
        ("empty_assistant_message", "no_text_parts"): translate(
            "FindingDetails", "{where} is a reply without any text: the model would learn to answer nothing."
        ),
        ("empty_message", "empty"): translate("FindingDetails", "{where} ({role}) is empty."),
        ("empty_message", "whitespace"): translate(
            "FindingDetails", "{where} ({role}) contains only spaces."
        ),
        ("invalid_tool_call", "calls_not_list"): translate(
            "FindingDetails", "The tool calls of {where} are {found} instead of a list of calls."
        ),
        ("invalid_tool_call", "not_object"): translate(
            "FindingDetails", "{where} is {found}, not a tool call."
        ),
        ("invalid_tool_call", "no_id"): translate("FindingDetails", "{where} has no usable id."),
        ("invalid_tool_call", "no_type"): translate(
            "FindingDetails", '{where} does not say its type; it must be "function".'
        ),
        ("invalid_tool_call", "bad_type"): translate(
            "FindingDetails", '{where} has the type {value}; it must be "function".'
        ),
        ("invalid_tool_call", "no_function"): translate(
            "FindingDetails", "{where} does not say which function it calls."
        ),
        ("invalid_tool_call", "no_name"): translate("FindingDetails", "{where} has no function name."),
        ("tool_call_arguments_not_string", ""): translate(
            "FindingDetails", "The arguments of {where} are {found}; they must be JSON written as text."
        ),
        ("tool_call_arguments_invalid_json", "syntax"): translate(
            "FindingDetails",
            "The arguments of {where} are not valid JSON (the mistake is at character {column}).",
        ),
        ("tool_call_arguments_invalid_json", "value"): translate(
            "FindingDetails", "The arguments of {where} are not valid JSON."
        ),
        ("tool_call_arguments_invalid_json", "deep"): translate(
            "FindingDetails", "The arguments of {where} are nested too deeply to read."
        ),
        ("unmatched_tool_message", "bad_id"): translate(
            "FindingDetails", "{where} names the tool call {value}, which is not a usable id."
        ),
        ("unmatched_tool_message", "no_match"): translate(
            "FindingDetails", "{where} answers the tool call {value}, but no earlier reply made that call."
        ),
        ("duplicate_tool_call_id", ""): translate(
            "FindingDetails", "{where} uses the id {value}, which an earlier tool call already uses."
        ),
        ("invalid_function_call", "not_object"): translate(
            "FindingDetails", "The function call of {where} is {found}, not an object."
        ),
        ("invalid_function_call", "no_name"): translate(
            "FindingDetails", "The function call of {where} has no function name."
        ),
        ("invalid_tools", "not_list"): translate(
            "FindingDetails", "The example's tools are {found} instead of a list."
        ),
        ("invalid_tools", "not_object"): translate(
            "FindingDetails", "{where} is {found}, not a tool description."
        ),
        ("invalid_tools", "bad_type"): translate(
            "FindingDetails", '{where} has the type {value}; it must be "function".'
        ),
        ("invalid_tools", "no_function"): translate(
            "FindingDetails", "{where} does not describe a function."
        ),
        ("invalid_tools", "no_name"): translate("FindingDetails", "{where} has no function name."),
        ("invalid_tools", "bad_parameters"): translate(
            "FindingDetails", "The parameters of {where} are {found}; they must be a JSON Schema object."
        ),
        ("invalid_functions", "not_list"): translate(
            "FindingDetails", "The example's functions are {found} instead of a list."
        ),
        ("invalid_functions", "not_object"): translate(
            "FindingDetails", "{where} is {found}, not a function description."
        ),
        ("invalid_functions", "no_name"): translate("FindingDetails", "{where} has no name."),
        ("invalid_functions", "bad_parameters"): translate(
            "FindingDetails", "The parameters of {where} are {found}; they must be a JSON Schema object."
        ),
        ("invalid_parallel_tool_calls", ""): translate(
            "FindingDetails", "The setting for parallel tool calls is {value}; it must be true or false."
        ),
        ("parallel_tool_calls_conflict", ""): translate(
            "FindingDetails", "Parallel tool calls are switched off, but {other} makes several calls at once."
        ),
        ("undefined_tool", ""): translate(
            "FindingDetails", "{where} calls the function {value}, which the example's tools do not describe."
        ),
        ("unknown_top_level_key", ""): translate(
            "FindingDetails", "The example has a field {key} that fine-tuning does not use."
        ),
        ("unknown_top_level_key", "input"): translate(
            "FindingDetails", "The prompt has a field {key} that preference fine-tuning does not use."
        ),
        ("invalid_content_part", "not_object"): translate(
            "FindingDetails", "{where} is {found}, not a text or image part."
        ),
        ("invalid_content_part", "text_not_string"): translate(
            "FindingDetails", "{where} is a text part without text."
        ),
        ("invalid_content_part", "dpo_image"): translate(
            "FindingDetails", "{where} is an image; preference (DPO) examples hold text only."
        ),
        ("invalid_content_part", "no_type"): translate(
            "FindingDetails", "{where} does not say whether it is text or an image."
        ),
        ("invalid_content_part", "bad_type"): translate(
            "FindingDetails", "{where} has the type {value}; use text or an image."
        ),
        ("invalid_content_part", "bad_type_text_only"): translate(
            "FindingDetails", "{where} has the type {value}; only text is allowed here."
        ),
        ("invalid_content_part", "image_url_not_object"): translate(
            "FindingDetails", "{where} is an image without a usable address."
        ),
        ("invalid_content_part", "bad_detail"): translate(
            "FindingDetails", "{where} asks for the image detail {value}; use auto, low or high."
        ),
        ("image_not_in_user_message", ""): translate(
            "FindingDetails", "{where} is an image in a {role} message; only user messages may hold images."
        ),
        ("invalid_image_url", "not_text"): translate(
            "FindingDetails", "{where} is an image whose address is {found} instead of text."
        ),
        ("invalid_image_url", "bad_web"): translate(
            "FindingDetails", "{where} is an image at {value}, which is not a valid web address."
        ),
        ("invalid_image_url", "empty_data"): translate(
            "FindingDetails", "{where} is an embedded image without image data."
        ),
        ("invalid_image_url", "bad_data_type"): translate(
            "FindingDetails",
            "{where} is an embedded image of type {value}; only JPEG, PNG and WEBP images are accepted.",
        ),
        ("invalid_image_url", "not_url"): translate(
            "FindingDetails",
            "{where} is an image at {value}, which is neither a web address nor an embedded image.",
        ),
        ("too_many_images", ""): translate(
            "FindingDetails", "The example has {count} images; at most {limit} are allowed."
        ),
        ("image_too_large", ""): translate(
            "FindingDetails", "{where} is an image of about {mb} MB; the limit is {limit_mb} MB."
        ),
        ("invalid_preference_output", "missing"): translate("FindingDetails", "The example has no {where}."),
        ("invalid_preference_output", "count"): translate(
            "FindingDetails",
            "{where} holds {count} messages; it must hold exactly one reply from the assistant.",
        ),
        ("invalid_preference_output", "not_list"): translate(
            "FindingDetails", "{where} is {found}; it must be a list that holds one reply."
        ),
        ("invalid_preference_output", "not_object"): translate(
            "FindingDetails", "{where} is {found}, not a message."
        ),
        ("invalid_preference_output", "role"): translate(
            "FindingDetails", "{where} comes from {value}; it must come from the assistant."
        ),
        ("invalid_preference_output", "no_role"): translate(
            "FindingDetails", "{where} does not say who speaks; it must be the assistant."
        ),
        ("invalid_preference_output", "key"): translate(
            "FindingDetails", "{where} has the field {key}; a preferred or rejected reply holds text only."
        ),
        ("invalid_preference_output", "not_text_part"): translate(
            "FindingDetails",
            "{where} holds a part that is not text; a preferred or rejected reply holds text only.",
        ),
        ("identical_preference_outputs", ""): translate(
            "FindingDetails",
            "The preferred and the rejected reply are the same, so the example teaches nothing.",
        ),
        ("too_few_examples", ""): translate(
            "FindingDetails", "The file has {count} examples; OpenAI needs at least {minimum}."
        ),
        ("few_examples", ""): translate(
            "FindingDetails",
            "The file has {count} examples; {recommended} to 100 good examples usually give "
            "clear improvements.",
        ),
        ("too_many_image_examples", ""): translate(
            "FindingDetails", "{count} examples contain images; at most {limit} are allowed."
        ),
        ("mixed_formats", ""): translate(
            "FindingDetails",
            "This is a {format} example, but {majority_count} of the file's {count} examples "
            "are {majority}; a file holds one kind.",
        ),
        ("example_too_long", ""): translate(
            "FindingDetails",
            "The example has {tokens} tokens; the model learns from at most {context}, so the "
            "last {over} are cut off.",
        ),
        ("missing_system_message", ""): translate(
            "FindingDetails",
            "The example has no system message (the instructions that set how the assistant behaves).",
        ),
        ("missing_system_message", "input"): translate(
            "FindingDetails",
            "The prompt has no system message (the instructions that set how the assistant behaves).",
        ),
        ("missing_user_message", ""): translate("FindingDetails", "The example has no user message."),
        ("missing_user_message", "input"): translate("FindingDetails", "The prompt has no user message."),
        ("duplicate_example", "line"): translate(
            "FindingDetails", "This example is an exact copy of the one on line {other_line}."
        ),
        ("duplicate_example", "example"): translate(
            "FindingDetails", "This example is an exact copy of example {other_example}."
        ),
        ("conflicting_answers", "line"): translate(
            "FindingDetails",
            "The example on line {other_line} has the same prompt but a different answer: the "
            "model is taught two answers to one question.",
        ),
        ("conflicting_answers", "example"): translate(
            "FindingDetails",
            "Example {other_example} has the same prompt but a different answer: the model is "
            "taught two answers to one question.",
        ),
        ("train_validation_overlap", "line"): translate(
            "FindingDetails",
            "This example is also in the validation file (line {other_line}), so its "
            "validation scores would mean nothing.",
        ),
        ("train_validation_overlap", ""): translate(
            "FindingDetails",
            "This example is also in the validation file, so its validation scores would mean nothing.",
        ),
        ("validator_error", ""): translate(
            "FindingDetails",
            "The checker failed on this example ({error}). This is a bug in the app: please report it.",
        ),
        ("invalid_json", "syntax"): translate(
            "FindingDetails", "The line is not valid JSON: the mistake is at character {column}."
        ),
        ("invalid_json", "multiline"): translate(
            "FindingDetails",
            "The line holds only part of an example: the file looks like JSON spread over several lines.",
        ),
        ("invalid_json", "extra_data"): translate(
            "FindingDetails", "The line goes on after the example ends (at character {column})."
        ),
        ("invalid_json", "quotes"): translate(
            "FindingDetails",
            "A name or a text lacks its double quotes, or a comma stands before a closing "
            "bracket (at character {column}).",
        ),
        ("invalid_json", "control_character"): translate(
            "FindingDetails", "A text holds a raw line break or tab (at character {column})."
        ),
        ("invalid_json", "constant"): translate(
            "FindingDetails", "The line holds NaN or Infinity, which JSON does not allow."
        ),
        ("invalid_json", "deep"): translate("FindingDetails", "The line is nested too deeply to read."),
        ("invalid_utf8", ""): translate(
            "FindingDetails",
            "The line holds a byte ({byte}) at character {column} that is not UTF-8 text, so "
            "it was not loaded.",
        ),
        ("bom", ""): translate(
            "FindingDetails",
            "The line starts with an invisible byte order mark (BOM). It was loaded; saving "
            "removes the mark.",
        ),
        ("crlf", ""): translate(
            "FindingDetails",
            "{count} lines end with Windows line endings (CRLF). They were loaded; saving "
            "writes plain line endings.",
        ),
        ("blank_line", ""): translate("FindingDetails", "The line is empty."),
        ("not_an_object", ""): translate(
            "FindingDetails", "The line is {found}, not an example object, so it was not loaded."
        ),
        ("not_jsonl", "zip"): translate(
            "FindingDetails", "This file is an Excel workbook or another zip file, not JSON Lines."
        ),
        ("not_jsonl", "xls"): translate(
            "FindingDetails", "This file is an old Excel (.xls) or Word file, not JSON Lines."
        ),
        ("not_jsonl", "utf16"): translate(
            "FindingDetails", "This file is UTF-16 text, not UTF-8 JSON Lines."
        ),
        ("unreadable_file", ""): translate("FindingDetails", "The file could not be read at all."),
        ("bad_row", "cells"): translate(
            "FindingDetails", "The row has {cells} cells but the header has {header}."
        ),
        ("bad_row", "quoting"): translate(
            "FindingDetails", "The row (line {file_line} of the file) has broken quoting."
        ),
        ("encoding", ""): translate("FindingDetails", "The file is not UTF-8; it was read as {encoding}."),
        ("no_assistant", "kept"): translate(
            "FindingDetails", "The row has no assistant reply; it was imported without one."
        ),
        ("no_assistant", "skipped"): translate(
            "FindingDetails", "The row has no assistant reply; it was skipped."
        ),
        ("missing_user", ""): translate("FindingDetails", "Turn {turn} has a reply but no user message."),
        ("missing_reply", ""): translate("FindingDetails", "Turn {turn} has a user message but no reply."),
        ("empty_row", ""): translate(
            "FindingDetails", "The row has no text in the user or assistant columns; it was skipped."
        ),
        ("empty_turn", ""): translate(
            "FindingDetails", "Turn {turn} is empty but later turns are not; it was skipped."
        ),
    }
