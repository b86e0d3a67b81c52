"""The Compare screen: chat side by side (streaming, blind votes), batch runs on a prompt set, and
recording a fine-tuned model's answers before it is retired."""
