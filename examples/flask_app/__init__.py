"""A Flask app that receives SES bounce and complaint notifications from SNS."""
