"""The standalone server: the simulator as one local process that any SDK, in any
language, can use as its SES ``endpoint_url``, plus SMTP and read endpoints.

Run it with ``python -m pytest_sessim serve``; the ``sessim_server`` fixture starts it
in a subprocess.
"""
