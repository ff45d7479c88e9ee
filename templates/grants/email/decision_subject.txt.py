BBBB BBBB gettext(u'Vedtak: %(centre)s er ikke med i søknaden om statstilskudd for %(year)s') SSSSSSS SSSSSSSSSS SS SSSS SSS S SSSSSSSS SS SSSSSSSSSSSSS SSS SSSSSSSS
