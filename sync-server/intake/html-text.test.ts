// An HTML-only e-mail's text, as a task's description shows it.
import { describe, expect, it } from 'vitest';
import { textOfHtml } from './html-text';

describe('the text of an HTML-only e-mail', () => {
  it('keeps paragraphs, line breaks and list items as lines, and drops the markup', () => {
    const html = `<html><head><title>Refill</title><style>p { color: red }</style></head>
      <body><div dir="ltr"><p>Hello,</p><p>Please refill my <b>lisinopril&nbsp;10&nbsp;mg</b>.<br>Pharmacy: Main St.</p>
      <ul><li>90 days</li><li>Mail order</li></ul><p>Thanks,<br/>Jane</p></div></body></html>`;
    expect(textOfHtml(html)).toBe(
      [
        'Hello,',
        '',
        'Please refill my lisinopril 10 mg.',
        'Pharmacy: Main St.',
        '',
        '• 90 days',
        '• Mail order',
        '',
        'Thanks,',
        'Jane',
      ].join('\n'),
    );
  });

  it('drops scripts, styles and comments with what is in them', () => {
    expect(textOfHtml('<p>Visible</p><script>alert("x")</script><!-- hidden <p>not this</p> --><style>.a{}</style><p>Also</p>')).toBe(
      'Visible\n\nAlso',
    );
  });

  it('decodes character references, and text that looks like markup stays text', () => {
    expect(textOfHtml('<p>A &amp; B &lt;b&gt;not bold&lt;/b&gt; &#8220;quoted&#x201D; &eacute;x &#0; caf&#233;</p>')).toBe(
      'A & B <b>not bold</b> “quoted” &eacute;x &#0; café',
    );
  });

  it('keeps a link’s address after its words, unless the words are the address or a mail link', () => {
    expect(
      textOfHtml(
        '<p>Upload it <a href="https://portal.example/upload?a=1&amp;b=2">here</a>, see https://x.example: <a href="https://x.example">https://x.example</a>, write <a href="mailto:a@b.example">us</a></p>',
      ),
    ).toBe('Upload it here (https://portal.example/upload?a=1&b=2), see https://x.example: https://x.example, write us');
  });

  it('keeps a table row’s cells on one line', () => {
    expect(textOfHtml('<table><tr><td>Date of birth</td><td>1970-01-02</td></tr><tr><th>MRN</th><td>100234</td></tr></table>')).toBe(
      'Date of birth 1970-01-02\nMRN 100234',
    );
  });

  it('reads a crafted body in one pass: unclosed comments, scripts and tags end the text where they begin', () => {
    const many = (part: string, times: number) => part.repeat(times);
    expect(textOfHtml(`<p>Kept</p>${many('<!--', 200_000)}`)).toBe('Kept');
    expect(textOfHtml(`<p>Kept</p><script>${many('<scrip', 100_000)}`)).toBe('Kept');
    expect(textOfHtml(`<p>Kept</p>${many('<a href=x', 100_000)}`)).toBe('Kept');
    expect(textOfHtml(many('&amp', 100_000)).length).toBe(400_000);
  });
});
