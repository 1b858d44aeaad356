"""A small shop that sends its mail through Amazon SES."""
