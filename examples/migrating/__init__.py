"""Tests written for moto's SES, and the same tests rewritten for pytest-sessim."""
