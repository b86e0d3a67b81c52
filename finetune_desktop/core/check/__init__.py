"""``check``: validate, count tokens and price a training file in one fast pass."""
