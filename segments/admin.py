from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .history import HistoryAdmin
from .models import Region


@admin.register(Region)
class RegionAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    fields = ["code", "name", "order"]
