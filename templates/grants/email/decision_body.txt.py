BBBB BBBBBBBBBBBBBB BBB gettext(u'Hei,') 

 gettext(u'Kommunen har %(date)s vedtatt å ikke ta med %(centre)s i søknaden om tilskudd til frivilligsentraler for %(year)s.') SSSSSSSS SSS SSSSSSSS SSSSSSS S SSSS SS SSS SSSSSSSSSS S SSSSSSSS SS SSSSSSSS SSS SSSSSSSSSSSSSSSSSS SSS SSSSSSSSS

 gettext(u'Begrunnelse:') 


 gettext(u'Vedtaket er et enkeltvedtak. Dere kan klage til kommunen innen tre uker etter at dere fikk dette brevet. Skriv hva dere klager på og hvorfor.') 



 gettext(u'Hilsen') 
 gettext(u'%(municipality)s kommune') SSSSSSSSSSSSSSSS SSSSSSS
BBBBBBBBBBBBB
