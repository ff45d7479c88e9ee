"""One page of a long list, the same way on every page that has one.

The page's links come from templates/includes/pagination.html; each keeps the other query
parameters (a list's filters, another list's page). The page number is `?side=` unless
a page has two lists.
"""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int, param: str = "side") -> Page:
    """The requested page of `items` (an ordered queryset or a list); a wrong number
    gives the nearest page instead of an error. For the partial: `page.links`, a list of
    (number, href) with (ellipsis, None) where numbers are left out, and
    `page.previous_href`/`page.next_href`."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get(param))

    def href(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.links = [
        (n, None if n == paginator.ELLIPSIS else href(n))
        for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    page.previous_href = href(page.previous_page_number()) if page.has_previous() else None
    page.next_href = href(page.next_page_number()) if page.has_next() else None
    return page
