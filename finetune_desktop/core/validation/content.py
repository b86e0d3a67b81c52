"""Message content: plain strings and content-part arrays (text everywhere, images only from the user).

Vision rules from the fine-tuning guide: image parts only in user messages, http(s) URLs or base64 data
URLs of JPEG/PNG/WEBP, at most 10 images per example, each at most 10 MB.
"""

from __future__ import annotations

from finetune_desktop.core.validation.context import MISSING, ExampleCheck, clip, json_kind, type_name

MAX_IMAGE_BYTES = 10 * 1024 * 1024
_DATA_PREFIXES = (
    "data:image/jpeg;base64,",
    "data:image/jpg;base64,",
    "data:image/png;base64,",
    "data:image/webp;base64,",
)
_DETAILS = frozenset({"auto", "low", "high"})


def check_content(content: object, role: str, p: str, ck: ExampleCheck, *, has_calls: bool = False) -> None:
    """Check ``content`` of the message at path ``p`` whose (valid) role is ``role``."""
    cp = p + ".content"
    if type(content) is str:
        if not content or content.isspace():
            _empty(content, role, cp, ck, has_calls)
        return
    if content is MISSING:
        if not has_calls:
            what = "text or a tool call" if role == "assistant" else "text"
            ck.add(
                "message_missing_key",
                f'{p} ({role}) has no "content": it needs {what}.',
                cp,
                variant="content",
                role=role,
            )
        return
    if content is None:
        if not has_calls:
            ck.add(
                "missing_content",
                f"{cp} is null: a {role} message needs text.",
                cp,
                variant="null",
                role=role,
            )
        return
    if type(content) is list:
        if not content:
            if not has_calls:
                ck.add(
                    "missing_content",
                    f"{cp} is an empty list: a {role} message needs text.",
                    cp,
                    variant="empty_list",
                    role=role,
                )
            return
        _check_parts(content, role, cp, ck, has_calls)
        return
    ck.add(
        "missing_content",
        f"{cp} is {type_name(content)}; it must be text (a string) or a list of content parts.",
        cp,
        variant="wrong_type",
        role=role,
        found=json_kind(content),
    )


def _empty(content: str, role: str, cp: str, ck: ExampleCheck, has_calls: bool) -> None:
    if role == "assistant":
        if not has_calls:
            what = "empty" if not content else "only whitespace"
            ck.add(
                "empty_assistant_message",
                f"{cp} is {what}: the model would learn to answer nothing.",
                cp,
                variant="empty" if not content else "whitespace",
            )
    elif not content and role in ("system", "developer", "user"):
        ck.add(
            "missing_content", f"{cp} is empty: a {role} message needs text.", cp, variant="empty", role=role
        )
    else:
        what = "empty" if not content else "only whitespace"
        ck.add(
            "empty_message",
            f"{cp} ({role}) is {what}.",
            cp,
            variant="empty" if not content else "whitespace",
            role=role,
        )


def _check_parts(parts: list[object], role: str, cp: str, ck: ExampleCheck, has_calls: bool) -> None:
    any_text = False
    for j, part in enumerate(parts):
        pp = f"{cp}[{j}]"
        if type(part) is not dict:
            ck.add(
                "invalid_content_part",
                f"{pp} is {type_name(part)}; a content part must be an object.",
                pp,
                variant="not_object",
                found=json_kind(part),
            )
            continue
        kind = part.get("type", MISSING)
        if kind == "text":
            text = part.get("text", MISSING)
            if type(text) is not str:
                found = "missing" if text is MISSING else type_name(text)
                ck.add(
                    "invalid_content_part",
                    f'{pp}.text is {found}; a text part needs "text" as a string.',
                    pp + ".text",
                    variant="text_not_string",
                    found=json_kind(text),
                )
            elif text and not text.isspace():
                any_text = True
        elif kind == "image_url":
            ck.images += 1
            if ck.text_only:
                ck.add(
                    "invalid_content_part",
                    f"{pp} is an image; preference (DPO) examples are text only.",
                    pp,
                    fix="Remove the image, or train on this example with supervised fine-tuning instead.",
                    variant="dpo_image",
                )
            elif role != "user":
                ck.add(
                    "image_not_in_user_message",
                    f"{pp} is an image in the {role}'s message; only user messages may contain images.",
                    pp,
                    role=role,
                )
            _check_image(part, pp, ck)
        elif kind is MISSING:
            ck.add(
                "invalid_content_part",
                f'{pp} has no "type"; use "text" or "image_url".',
                pp + ".type",
                variant="no_type",
            )
        else:
            allowed = '"text" or "image_url"' if role == "user" else '"text"'
            ck.add(
                "invalid_content_part",
                f"{pp}.type is {clip(kind)}; fine-tuning accepts only {allowed} parts here.",
                pp + ".type",
                variant="bad_type" if role == "user" else "bad_type_text_only",
                value=clip(kind),
            )
    if role == "assistant" and not any_text and not has_calls and not has_finding_under(ck, cp):
        ck.add(
            "empty_assistant_message",
            f"{cp} has no text: the model would learn to answer nothing.",
            cp,
            variant="no_text_parts",
        )


def has_finding_under(ck: ExampleCheck, prefix: str) -> bool:
    """True when a finding was already reported inside ``prefix`` (avoid piling a second one on it)."""
    return any(f.path is not None and f.path.startswith(prefix) for f in ck.findings)


def _check_image(part: dict[str, object], pp: str, ck: ExampleCheck) -> None:
    iu = part.get("image_url", MISSING)
    ip = pp + ".image_url"
    if type(iu) is not dict:
        found = "missing" if iu is MISSING else type_name(iu)
        ck.add(
            "invalid_content_part",
            f'{ip} is {found}; it must be an object such as {{"url": "https://..."}}.',
            ip,
            variant="image_url_not_object",
            found=json_kind(iu),
        )
        return
    url = iu.get("url", MISSING)
    up = ip + ".url"
    if type(url) is not str:
        found = "missing" if url is MISSING else type_name(url)
        ck.add(
            "invalid_image_url",
            f"{up} is {found}; it must be the image's URL as text.",
            up,
            variant="not_text",
            found=json_kind(url),
        )
    else:
        _check_url(url, up, ck)
    detail = iu.get("detail", MISSING)
    if detail is not MISSING and (type(detail) is not str or detail not in _DETAILS):
        ck.add(
            "invalid_content_part",
            f'{ip}.detail is {clip(detail)}; use "auto", "low" or "high".',
            ip + ".detail",
            fix='Set "detail" to "auto", "low" or "high", or remove it.',
            variant="bad_detail",
            value=clip(detail),
        )


def _check_url(url: str, up: str, ck: ExampleCheck) -> None:
    low = url[:32].lower()
    if low.startswith(("https://", "http://")):
        if len(url) <= len("https://") or " " in url[:2048]:
            ck.add(
                "invalid_image_url",
                f"{up} {clip(url)} is not a valid web address.",
                up,
                variant="bad_web",
                value=clip(url),
            )
        return
    if low.startswith("data:"):
        for prefix in _DATA_PREFIXES:
            if low.startswith(prefix):
                payload = len(url) - len(prefix)
                if payload == 0:
                    ck.add(
                        "invalid_image_url",
                        f"{up} is a data URL with no image data.",
                        up,
                        variant="empty_data",
                    )
                elif payload * 3 // 4 > MAX_IMAGE_BYTES:
                    mb = payload * 3 / 4 / 1024 / 1024
                    ck.add(
                        "image_too_large",
                        f"{up} holds an image of about {mb:.1f} MB; the limit is 10 MB.",
                        up,
                        mb=round(mb, 1),
                        limit_mb=MAX_IMAGE_BYTES // (1024 * 1024),
                    )
                return
        ck.add(
            "invalid_image_url",
            f"{up} is a data URL of type {clip(url.split(',', 1)[0], 30)}; only base64 JPEG, PNG or WEBP "
            "images are accepted.",
            up,
            variant="bad_data_type",
            value=clip(url.split(",", 1)[0], 30),
        )
        return
    ck.add(
        "invalid_image_url",
        f"{up} {clip(url)} is neither an http(s) URL nor a data URL.",
        up,
        variant="not_url",
        value=clip(url),
    )
