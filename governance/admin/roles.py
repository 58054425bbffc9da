"""The role groups and users in the admin with the roles' names in the UI language; the
group rows keep their Finnish names, which are their keys."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from ..roles import role_label


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """Groups chosen by their translated labels."""

    def label_from_instance(self, obj):
        return role_label(obj.name)


class RoleFilter(admin.SimpleListFilter):
    """Users by role, the roles by their translated labels."""

    title = _("rooli")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(str(pk), role_label(name)) for pk, name in Group.objects.values_list("pk", "name")]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(groups__pk=value) if value and value.isdigit() else queryset


class RoleGroupAdmin(GroupAdmin):
    list_display = ["label", "name"]

    @admin.display(description=_("rooli"), ordering="name")
    def label(self, obj):
        return role_label(obj.name)


class RoleUserAdmin(UserAdmin):
    list_filter = ("is_staff", "is_superuser", "is_active", RoleFilter)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["form_class"] = RoleChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
admin.site.unregister(User)
admin.site.register(User, RoleUserAdmin)
