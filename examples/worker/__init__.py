"""A Celery-free worker that consumes SES bounce and complaint notifications from SQS."""
