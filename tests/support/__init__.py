"""Test helpers shared by the suites (real servers, generated data)."""
