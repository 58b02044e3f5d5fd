"""The API's bench configuration: production settings plus control views that exist nowhere else."""
