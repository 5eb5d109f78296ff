// What the GOV.UK page template does inline, as a file so the Content-Security-Policy needs no
// 'unsafe-inline'. Loaded first in <body>, before anything is drawn.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
