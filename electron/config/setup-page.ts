// The page a window shows when the configuration is missing or wrong: what is wrong, in which file,
// and what to do, so a workstation never opens on a blank window. Static HTML, no script.
import type { ConfigProblem } from './json-file';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ADVICE: Record<ConfigProblem['kind'], string> = {
  missing: 'Ask your IT administrator to place the workstation file there (a template ships with Baton: baton-workstation.example.json).',
  unreadable: 'Check that your Windows/macOS/Linux account may read this file.',
  'not-json': 'The file must be plain JSON. Compare it with the template baton-workstation.example.json.',
  invalid: 'Correct the settings named above; the template baton-workstation.example.json lists every setting.',
  failed: 'Please send this log file to your IT administrator.',
};

export function setupPageHtml(problems: readonly ConfigProblem[]): string {
  const items = problems
    .map(
      (p) =>
        `<li><p><strong>${escapeHtml(p.message)}</strong></p><p>File: <code>${escapeHtml(p.file)}</code></p><p>${escapeHtml(ADVICE[p.kind])}</p></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Baton: workstation setup needed</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:46rem;padding:0 1.5rem;color:#1d2733}
h1{font-size:1.5rem}li{margin:1rem 0;padding:1rem;border-left:4px solid #c62828;background:#fdf3f3;list-style:none}
ul{padding:0}code{word-break:break-all;background:#eef1f4;padding:0 .25rem}</style></head>
<body><h1>Baton cannot start on this workstation yet</h1>
<p>The workstation configuration needs attention:</p><ul>${items}</ul>
<p>After fixing it, close Baton and open it again.</p></body></html>`;
}

/** A data: URL, so the page needs no file, no server and no protocol handler to show. */
export function setupPageUrl(problems: readonly ConfigProblem[]): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(setupPageHtml(problems))}`;
}
