BBBB BBBB gettext(u'Årsrapporten for %(year)s er åpnet igjen') SSSSSSSSSSSS SSS SSSSSSSS SS SSSSS SSSSS
