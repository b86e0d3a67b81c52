"""First run: the sandbox banner, the fine-tuning dates note, the guided tour and the sample dataset."""
