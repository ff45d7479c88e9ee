"""Stubs until the views land: every page is 404 for now."""

from django.http import Http404


def framework_detail(request, **kwargs):
    raise Http404


def framework_edit(request, **kwargs):
    raise Http404


def framework_compare(request, **kwargs):
    raise Http404
