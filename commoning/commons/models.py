"""Projection tables of commons. Each row is rebuilt from `commons.*` entries alone."""

from django.db import models


class Commons(models.Model):
    """A commons: created by a `commons.create` entry whose id is the commons' id."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64, db_index=True)
    name = models.CharField(max_length=120)
    licence = models.CharField(max_length=200)  # an SPDX licence expression, canonical spelling
    description_hash = models.CharField(max_length=64, null=True, blank=True)
    founder_id = models.CharField(max_length=64)  # member id of the creator
    created_ts = models.BigIntegerField()
    updated_ts = models.BigIntegerField()
    # Last-writer-wins clocks per field, "ts:author:id" (see accounts.events.field_clock).
    name_clock = models.CharField(max_length=160)
    licence_clock = models.CharField(max_length=160)
    description_clock = models.CharField(max_length=160)

    class Meta:
        verbose_name_plural = "commons"
        indexes = [models.Index(fields=["net", "-created_ts"], name="commons_net_recent_idx")]

    def __str__(self):
        return self.name
