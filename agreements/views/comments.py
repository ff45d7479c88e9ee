"""Stubs until the views land: every page is 404 for now."""

from django.http import Http404


def comment_add(request, **kwargs):
    raise Http404


def comment_resolve(request, **kwargs):
    raise Http404
