"""Stubs until the views land: every page is 404 for now."""

from django.http import Http404


def agreement_list(request, **kwargs):
    raise Http404


def agreement_create(request, **kwargs):
    raise Http404


def agreement_detail(request, **kwargs):
    raise Http404


def agreement_edit(request, **kwargs):
    raise Http404


def agreement_transition(request, **kwargs):
    raise Http404


def agreement_renew(request, **kwargs):
    raise Http404


def agreement_adopt_framework(request, **kwargs):
    raise Http404


def agreement_pdf(request, **kwargs):
    raise Http404
