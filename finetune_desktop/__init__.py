"""Finetune Desktop: build, check, price and run fine-tuning jobs without writing code."""

__version__ = "0.1.0"
