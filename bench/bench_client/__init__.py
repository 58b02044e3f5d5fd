"""The web client's side of the bench: what a page costs with nothing of Django around the API call (P5's floor)."""
