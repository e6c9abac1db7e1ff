"""The widgets the screens are composed of."""
