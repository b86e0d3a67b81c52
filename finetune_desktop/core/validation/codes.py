"""The catalogue of finding codes: one place that says what each code means, how bad it is and how to fix it.

The first seven codes keep the names of the OpenAI cookbook's data-preparation notebook so people who know
the notebook recognise them; every other code is ours. ``FIXES`` holds the default "what to do" text; a
check may pass a more specific one.
"""

from __future__ import annotations

from finetune_desktop.core.validation.findings import NO_PARAMS, Finding, Params, Severity

E = Severity.ERROR
W = Severity.WARNING

FINDING_CODES: dict[str, tuple[Severity, str]] = {
    # --- cookbook notebook checks (same names) ---
    "data_type": (E, "The line is not a JSON object."),
    "missing_messages_list": (E, "The example has no non-empty `messages` list."),
    "message_missing_key": (E, "A message lacks a key its role needs (role, content, tool_call_id or name)."),
    "message_unrecognized_key": (E, "A message has a key fine-tuning does not accept for its role."),
    "unrecognized_role": (E, "A message's role is not system, developer, user, assistant, tool or function."),
    "missing_content": (E, "A message's content is null, empty or of the wrong type."),
    "example_missing_assistant_message": (E, "The example has no assistant message to learn from."),
    # --- message structure ---
    "message_not_object": (E, "An entry of `messages` is not a JSON object."),
    "invalid_name": (E, "A message's `name` is not a non-empty string."),
    "invalid_weight": (E, "An assistant message's `weight` is not 0 or 1."),
    "weight_not_on_assistant": (E, "`weight` appears on a message that is not from the assistant."),
    "no_trainable_assistant_message": (E, "Every assistant message has weight 0, so nothing is trained."),
    "empty_assistant_message": (W, "An assistant message is empty or only whitespace."),
    "empty_message": (W, "A system, user or tool message is only whitespace."),
    # --- tool and function calling ---
    "invalid_tool_call": (E, 'A tool call lacks an id, type "function" or a function name.'),
    "tool_call_arguments_not_string": (E, "A tool call's `arguments` is not a string of JSON."),
    "tool_call_arguments_invalid_json": (E, "A tool call's `arguments` string is not valid JSON."),
    "unmatched_tool_message": (E, "A tool message answers no earlier tool call of this example."),
    "duplicate_tool_call_id": (W, "Two tool calls of one example share an id."),
    "invalid_function_call": (E, "A legacy `function_call` is not an object with a name and arguments."),
    "invalid_tools": (E, "The example's `tools` list is malformed."),
    "invalid_functions": (E, "The example's legacy `functions` list is malformed."),
    "invalid_parallel_tool_calls": (E, "`parallel_tool_calls` is not true or false."),
    "parallel_tool_calls_conflict": (W, "`parallel_tool_calls` is false but a message makes several calls."),
    "undefined_tool": (W, "A tool call names a function missing from the example's `tools`."),
    "unknown_top_level_key": (W, "The example has a top-level key fine-tuning does not use."),
    # --- content parts and images ---
    "invalid_content_part": (E, "A content part is malformed or of a type fine-tuning does not accept."),
    "invalid_image_url": (E, "An image URL is neither http(s) nor a JPEG/PNG/WEBP data URL."),
    "image_not_in_user_message": (E, "An image appears outside a user message."),
    "too_many_images": (E, "The example has more than 10 images."),
    "image_too_large": (E, "An embedded image is larger than 10 MB."),
    # --- preference (DPO) ---
    "invalid_preference_output": (
        E,
        "A preferred/non-preferred output is not exactly one text assistant message.",
    ),
    "identical_preference_outputs": (W, "The preferred and non-preferred outputs are identical."),
    # --- dataset-wide ---
    "too_few_examples": (E, "The file has fewer than 10 examples (OpenAI's minimum)."),
    "few_examples": (W, "The file has fewer than 50 examples; results are usually weak."),
    "too_many_image_examples": (E, "More than 50,000 examples contain images."),
    "mixed_formats": (E, "The file mixes chat and preference (DPO) examples."),
    "example_too_long": (W, "The example is longer than the model's training context and will be truncated."),
    "missing_system_message": (W, "The example has no system message."),
    "missing_user_message": (W, "The example has no user message."),
    "duplicate_example": (W, "The example is an exact duplicate of another one."),
    "conflicting_answers": (W, "Another example has the same prompt but a different answer."),
    "train_validation_overlap": (E, "The example also appears in the validation file."),
    "validator_error": (E, "The validator could not check this example (a bug: please report it)."),
}

FIXES: dict[str, str] = {
    "data_type": 'Make the line one JSON object such as {"messages": [...]}, or delete it.',
    "missing_messages_list": 'Add "messages": [{"role": "user", ...}, {"role": "assistant", ...}].',
    "message_missing_key": "Add the missing key to the message.",
    "message_unrecognized_key": "Remove the key, or rename it to one of role, content, name, weight, "
    "tool_calls, tool_call_id, function_call.",
    "unrecognized_role": "Use one of the roles system, user, assistant or tool.",
    "missing_content": 'Put the message text in "content" as a string (or a list of content parts).',
    "example_missing_assistant_message": "Add an assistant message with the answer the model should learn.",
    "message_not_object": 'Write the message as {"role": ..., "content": ...}.',
    "invalid_name": 'Make "name" a non-empty string, or remove it.',
    "invalid_weight": 'Set "weight" to 0 (skip this message in training) or 1 (train on it).',
    "weight_not_on_assistant": 'Remove "weight" from this message: only assistant messages take a weight.',
    "no_trainable_assistant_message": 'Set "weight": 1 on at least one assistant message, or delete the '
    "example.",
    "empty_assistant_message": "Write the answer the model should give, or delete the message.",
    "empty_message": "Write the message text, or delete the message.",
    "invalid_tool_call": 'Write each call as {"id": "call_1", "type": "function", '
    '"function": {"name": ..., "arguments": "{...}"}}.',
    "tool_call_arguments_not_string": "Encode the arguments as a JSON string, e.g. "
    '"{\\"city\\": \\"Paris\\"}".',
    "tool_call_arguments_invalid_json": "Fix the JSON inside the arguments string (quotes, commas, "
    "brackets).",
    "unmatched_tool_message": 'Set "tool_call_id" to the id of a tool call made by an earlier assistant '
    "message, or delete the tool message.",
    "duplicate_tool_call_id": "Give every tool call of the example its own id.",
    "invalid_function_call": 'Write it as {"name": ..., "arguments": "{...}"}, or better use tool_calls.',
    "invalid_tools": 'Write each tool as {"type": "function", "function": {"name": ..., '
    '"parameters": {...}}}.',
    "invalid_functions": 'Write each function as {"name": ..., "parameters": {...}}, or better use tools.',
    "invalid_parallel_tool_calls": 'Set "parallel_tool_calls" to true or false.',
    "parallel_tool_calls_conflict": 'Set "parallel_tool_calls" to true, or split the calls over several '
    "turns.",
    "undefined_tool": 'Add the function to the example\'s "tools", or fix the function name.',
    "unknown_top_level_key": "Remove the key: OpenAI ignores it or rejects the file.",
    "invalid_content_part": 'Use {"type": "text", "text": ...} or, in user messages, '
    '{"type": "image_url", "image_url": {"url": ...}}.',
    "invalid_image_url": "Use an https:// URL or a data URL such as data:image/jpeg;base64,....",
    "image_not_in_user_message": "Move the image into a user message.",
    "too_many_images": "Keep at most 10 images per example; split the example.",
    "image_too_large": "Shrink or recompress the image below 10 MB.",
    "invalid_preference_output": "Make the output a list with exactly one message: "
    '[{"role": "assistant", "content": "..."}].',
    "identical_preference_outputs": "Change the non-preferred output so it differs from the preferred one.",
    "too_few_examples": "Add examples: OpenAI needs at least 10.",
    "few_examples": "Add examples: 50 to 100 good ones usually give clear improvements.",
    "too_many_image_examples": "Keep at most 50,000 examples with images; drop or split the rest.",
    "mixed_formats": "Keep one format per file: move these examples to a separate file.",
    "example_too_long": "Shorten the example or split the conversation; the end would be cut off.",
    "missing_system_message": "Add the same system message you will use in production.",
    "missing_user_message": "Add the user message the assistant answers.",
    "duplicate_example": "Delete the duplicate: it only makes training longer and more expensive.",
    "conflicting_answers": "Keep the better answer, or make the prompts differ.",
    "train_validation_overlap": "Remove the example from one of the two files.",
    "validator_error": "Check this example by hand and report the problem.",
}


def severity_of(code: str) -> Severity:
    return FINDING_CODES[code][0]


def make_finding(
    code: str,
    message: str,
    *,
    index: int | None,
    line: int | None,
    path: str | None,
    fix: str | None = None,
    variant: str = "",
    params: Params | None = None,
) -> Finding:
    """Build a Finding with the catalogue's severity and default fix (``params``: see ``Finding``)."""
    return Finding(
        code=code,
        severity=FINDING_CODES[code][0],
        message=message,
        fix=FIXES[code] if fix is None else fix,
        line=line,
        example=index,
        path=path,
        variant=variant,
        params=params or NO_PARAMS,
    )
