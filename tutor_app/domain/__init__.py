"""The domain: vocabularies, value types, validation rules and clocks. Pure Python, no I/O."""
