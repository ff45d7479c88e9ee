"""Stubs until the views land: every page is 404 for now."""

from django.http import Http404


def version_list(request, **kwargs):
    raise Http404


def version_detail(request, **kwargs):
    raise Http404


def version_restore(request, **kwargs):
    raise Http404


def compare(request, **kwargs):
    raise Http404
