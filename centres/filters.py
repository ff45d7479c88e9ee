import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Centre, TargetGroup


class CheckboxFilter(django_filters.BooleanFilter):
    field_class = forms.BooleanField


class CentreFilter(django_filters.FilterSet):
    """Filters a queryset the caller has already limited to what the user may see."""

    q = django_filters.CharFilter(label=_("Søk"), method="search")
    district = django_filters.ChoiceFilter(label=_("Bydel"), empty_label=_("Alle bydeler"))
    target_group = django_filters.ChoiceFilter(
        label=_("Målgruppe"),
        empty_label=_("Alle målgrupper"),
        method="by_target_group",
    )
    # An archived centre (one that closed) leaves the list unless asked for.
    archived = CheckboxFilter(label=_("Vis bare arkiverte sentraler"), method="by_archived")

    class Meta:
        model = Centre
        fields = ["q", "district", "target_group", "archived"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        districts = queryset.order_by().values_list("district", flat=True).distinct()
        self.filters["district"].extra["choices"] = [(d, d) for d in sorted(set(districts))]
        groups = (
            TargetGroup.objects.filter(centre__in=queryset.order_by().values("pk"))
            .order_by()
            .values_list("name", flat=True)
            .distinct()
        )
        self.filters["target_group"].extra["choices"] = [(g, g) for g in sorted(set(groups))]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(district__icontains=value)
            | Q(partners__name__icontains=value)
        ).distinct()

    @property
    def qs(self):
        queryset = super().qs
        if self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("archived"):
            return queryset
        return queryset.filter(active=True)

    def by_archived(self, queryset, name, value):
        return queryset.filter(active=False) if value else queryset

    def by_target_group(self, queryset, name, value):
        return queryset.filter(target_groups__name=value).distinct()
