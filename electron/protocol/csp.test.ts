import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

describe('contentSecurityPolicy', () => {
  it('lets the page connect to the configured server origin only', () => {
    const csp = contentSecurityPolicy('https://baton.clinic.local:8787/some/path');
    expect(csp).toContain("connect-src 'self' https://baton.clinic.local:8787;");
    expect(csp).not.toMatch(/connect-src[^;]*(\*|http:|https:)(;| )/);
  });

  it('never allows eval, inline scripts or foreign scripts', () => {
    const csp = contentSecurityPolicy('http://127.0.0.1:8787');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('refuses a server address that is not http(s)', () => {
    expect(() => contentSecurityPolicy('file:///etc')).toThrow(/http/);
    expect(() => contentSecurityPolicy('not a url')).toThrow();
  });
});
