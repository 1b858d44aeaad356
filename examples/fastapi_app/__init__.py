"""A FastAPI (ASGI) app that receives SES events from an SNS topic."""
