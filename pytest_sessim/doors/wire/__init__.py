"""Model-driven codecs for the SES v1 Query protocol and the SESv2 REST-JSON protocol."""
