"""One page of a long list, the same way on every page that has one.

The page's links come from templates/includes/pagination.html, which keeps the other
query parameters (a list's filters) in every link. The page number is `?side=`.
"""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> Page:
    """The requested page of `items` (an ordered queryset or a list); a wrong number
    gives the nearest page instead of an error. `page.links` are the numbers to show,
    with `page.ellipsis` where some are left out."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("side"))
    page.ellipsis = paginator.ELLIPSIS
    page.links = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page
