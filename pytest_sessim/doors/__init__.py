"""Wire protocols in and out: each door turns a request into an engine call and back."""
