BBBB BBBBBBBBBBBBBB BBB gettext(u'Hei,') 

 gettext(u'Koordinatoren har åpnet årsrapporten for %(year)s fra %(centre)s igjen, så dere kan rette den og sende den inn på nytt.') SSSSSSSSSSSSS SSS SSSSS SSSSSSSSSSSS SSS SSSSSSSS SSS SSSSSSSSSS SSSSSS SS SSSS SSS SSSSS SSS SS SSSSS SSS SSS SS SSSSS



 gettext(u'Hilsen') 
 gettext(u'%(municipality)s kommune') SSSSSSSSSSSSSSSS SSSSSSS
BBBBBBBBBBBBB
