"""TUI tests (Pilot and harness apps)."""
