BBBB BBBBBBBBBBBBBB BBB gettext(u'Hei,') 

 gettext(u'Kommunen søker snart om statstilskudd for %(year)s. Dette mangler fra %(centre)s før fristen %(deadline)s:') SSSSSSSS SSSSS SSSSS SS SSSSSSSSSSSSS SSS SSSSSSSSS SSSSS SSSSSSS SSS SSSSSSSSSS SSS SSSSSSS SSSSSSSSSSSSS
BBB BBBB BB BBBBBBB
X BBBBBB



 gettext(u'Hilsen') 
 gettext(u'%(municipality)s kommune') SSSSSSSSSSSSSSSS SSSSSSS
BBBBBBBBBBBBB
