"""TF1 queue-based input pipelines, executed eagerly behind the Session."""
