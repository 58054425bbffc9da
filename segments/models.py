"""Who the customers are: the regions they are in (more comes with the segments issue)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A TE-centre area (2008): the region a company and a regional working group belong to."""

    code = models.SlugField(_("tunnus"), max_length=40, unique=True)
    name = models.CharField(_("nimi"), max_length=100)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("alue")
        verbose_name_plural = _("alueet")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:segments_region_change", args=[self.pk])
