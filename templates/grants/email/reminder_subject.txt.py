BBBB BBBB gettext(u'Påminnelse: årsrapport og dokumentasjon for %(year)s innen %(deadline)s') SSSSSSSSSSS SSSSSSSSSS SS SSSSSSSSSSSSS SSS SSSSSSSS SSSSS SSSSSSSSSSSS
