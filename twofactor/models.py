"""The recovery codes' device: django-otp's static device kept the codes in plain text, this one
keeps only their keyed hashes (twofactor/codes.py), so a database read yields no usable code."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from . import codes


class RecoveryDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's one-time recovery codes, for a lost phone; each code works once."""

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token):
        """Uses up the matching code; a wrong one throttles the device, as django-otp's do."""
        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        token = str(token)
        match = next((c for c in self.codes.all() if codes.matches(token, c.digest)), None)
        # The delete is the use: of two requests with the same code only one deletes the row.
        if match is not None and RecoveryCode.objects.filter(pk=match.pk).delete()[0]:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    """One unused recovery code, as its keyed hash (scheme$salt$hash); used means deleted."""

    device = models.ForeignKey(RecoveryDevice, related_name="codes", on_delete=models.CASCADE)
    digest = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self):
        return f"recovery code #{self.pk}"  # never the digest: nothing of it in logs or forms
