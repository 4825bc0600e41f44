"""django-otp's device admins are taken off the admin, and ours are never on it: a device row
holds its secret (or a code's hash), and second factors are managed on the app's own pages (the
user's, and the security administrator's reset), which write the audit log."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (StaticDevice, TOTPDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
