import { describe, expect, it } from 'vitest';
import { setupPageHtml, setupPageUrl } from './setup-page';

describe('setup page', () => {
  it('says what is wrong, where, and what to do', () => {
    const html = setupPageHtml([
      { file: 'C:\\ProgramData\\Baton\\baton-workstation.json', kind: 'missing', message: 'The file does not exist.' },
    ]);
    expect(html).toContain('The file does not exist.');
    expect(html).toContain('C:\\ProgramData\\Baton\\baton-workstation.json');
    expect(html).toContain('IT administrator');
    expect(html).not.toContain('<script');
  });

  it('escapes whatever the file or error contains', () => {
    const html = setupPageHtml([{ file: '/tmp/<b>.json', kind: 'invalid', message: 'serverUrl: "<img src=x onerror=alert(1)>"' }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x');
    expect(html).toContain('/tmp/&lt;b&gt;.json');
  });

  it('is a self-contained data: URL', () => {
    const url = setupPageUrl([{ file: '/etc/baton/baton-workstation.json', kind: 'not-json', message: 'bad' }]);
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toContain('/etc/baton/baton-workstation.json');
  });
});
