"""A minimal Django project that sends through SES with boto3 and records bounces."""
