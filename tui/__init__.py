"""The Textual app. It talks to the core (briefings) through Store, History and the model."""
