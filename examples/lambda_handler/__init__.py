"""An AWS Lambda function subscribed to SES's SNS topics, and how to test it."""
