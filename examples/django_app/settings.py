"""Settings of the recipe's Django project (``DJANGO_SETTINGS_MODULE=django_app.settings``)."""

SECRET_KEY = "only-for-the-recipe"
DEBUG = False
ALLOWED_HOSTS = ["shop.example", "testserver"]
ROOT_URLCONF = "django_app.urls"
INSTALLED_APPS = ["django_app"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True

# Outgoing mail goes through SESv2 with boto3 (django_app/mail.py).
EMAIL_BACKEND = "django_app.mail.SesEmailBackend"
DEFAULT_FROM_EMAIL = "Shop <orders@shop.example.com>"
AWS_SES_REGION = "us-east-1"
