// The request and status pages' frame: plain HTML a phone and a screen reader read well (lang,
// landmarks, one h1), the practice's name, one stylesheet from this server (the CSP allows no inline
// style or script), and escaping of everything put into the page.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text or an attribute value as HTML: nothing a patient types (or the configuration holds) becomes markup. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export const STYLESHEET_PATH = '/request/assets/request.css';

export function pageHtml(title: string, practiceName: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)} – ${esc(practiceName)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="site"><p class="practice">${esc(practiceName)}</p></header>
<main id="main">
${main}
</main>
<footer class="site"><p>For an emergency, call 911. This page is not monitored outside office hours.</p></footer>
</body>
</html>
`;
}

/** A short page saying one thing (an unknown or expired link, a refusal). */
export const messagePage = (title: string, practiceName: string, message: string) =>
  pageHtml(title, practiceName, `<h1>${esc(title)}</h1>\n<p>${esc(message)}</p>`);

/** Readable at 360 px, large tap targets, visible focus, errors in text and colour. */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
header.site,footer.site{background:#fff;border-bottom:1px solid #d8dde3;padding:.75rem 1rem}
footer.site{border-top:1px solid #d8dde3;border-bottom:0;font-size:.9375rem;color:#414a55}
.practice{margin:0;font-weight:600}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.1875rem;margin:1.25rem 0 .5rem}
a{color:#0b57a4}
a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f2a900;outline-offset:2px}
ul.types{list-style:none;padding:0;margin:0}
ul.types li{margin:0 0 .75rem}
ul.types a{display:block;background:#fff;border:1px solid #c4ccd5;border-radius:8px;padding:.875rem 1rem;text-decoration:none}
ul.types a strong{display:block;color:#0b57a4;text-decoration:underline}
ul.types a span{color:#414a55;font-size:.9375rem}
fieldset{min-width:0;border:1px solid #c4ccd5;border-radius:8px;background:#fff;margin:0 0 1rem;padding:.75rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.field{margin:0 0 1rem}
.field:last-child{margin-bottom:0}
label{display:block;font-weight:600;margin:0 0 .25rem}
.hint{display:block;color:#414a55;font-size:.9375rem;margin:0 0 .25rem}
input[type=text],input[type=tel],input[type=email],input[type=date],textarea{display:block;width:100%;font:inherit;padding:.625rem;border:1px solid #6b7682;border-radius:6px;background:#fff;color:inherit}
input[type=file]{font:inherit;width:100%;max-width:100%}
textarea{min-height:8rem}
[aria-invalid=true]{border:2px solid #b3261e}
.error{color:#b3261e;font-weight:600;margin:.25rem 0}
.error-summary{border:3px solid #b3261e;background:#fff;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.error-summary h2{margin-top:0}
.notice{border-left:6px solid #0b57a4;background:#fff;padding:.75rem 1rem;margin:0 0 1rem}
.status{font-size:1.25rem;font-weight:700}
.question{background:#fff;border:1px solid #c4ccd5;border-radius:8px;padding:.75rem 1rem;white-space:pre-wrap}
.link{word-break:break-all;background:#fff;border:1px solid #c4ccd5;border-radius:6px;padding:.5rem}
button{font:inherit;font-weight:600;color:#fff;background:#0b57a4;border:0;border-radius:6px;padding:.75rem 1.25rem;min-height:48px;cursor:pointer}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
`;
