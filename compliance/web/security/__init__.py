"""Passwords, signed-cookie sessions, CSRF tokens, login rate limits and access rules."""
