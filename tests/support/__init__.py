"""What the tests share: briefings built in code, the corpus and our own articles,
a local web site, and helpers for driving the app with Pilot."""
