"""The fine-tuning API's plain data, no SDK: job records and user-facing service errors."""
