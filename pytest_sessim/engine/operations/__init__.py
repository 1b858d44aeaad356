"""SES API operations over plain parameter dicts, v1 and v2 sharing one account.

Each module registers its operations with ``registry.operation``; each operation is
``handler(engine, params) -> result``, where params and results have the shapes of
botocore's service models (the doors decode and encode them).
"""
