"""The model catalog: fine-tunable models, model names, training prices and cost."""
