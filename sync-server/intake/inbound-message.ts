// What fax-to-e-mail and inbound e-mail services post, made one shape: who sent it, the subject,
// the text, the service's message id and the attached files. JSON as Postmark sends it or in
// Baton's own generic form; multipart/form-data as SendGrid, Mailgun and fax services send it.
// Anything else is a 400 (415 for another content type) that says what is accepted. A message
// with no plain text gives the text of its HTML (html-text.ts).
import { z } from 'zod';
import type { IncomingFile } from '../attachments/store';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { textOfHtml } from './html-text';

export interface InboundMessage {
  sender: string;
  subject: string;
  text: string;
  /** The service's id of the message, when it sends one (a redelivery carries the same). */
  messageId?: string;
  attachments: IncomingFile[];
}

const sender = z.string().trim().min(1).max(320);
const subject = z.string().max(2_000).default('');
const text = z.string().max(1_000_000).default('');
const html = z.string().max(2_000_000).default('');
const messageId = z.string().trim().min(1).max(998).optional();
const fileName = z.string().trim().min(1).max(255);
const contentType = z.string().trim().min(1).max(255);
const base64 = z.base64().max(50_000_000);

/** Postmark's inbound webhook (it sends many more fields, which are not read). */
const Postmark = z.object({
  From: sender,
  Subject: subject,
  TextBody: text,
  HtmlBody: html,
  MessageID: messageId,
  Attachments: z
    .array(z.object({ Name: fileName, ContentType: contentType, Content: base64 }))
    .max(100)
    .default([]),
});

/** Baton's own form, for a service or script that can shape its request. */
const Generic = z.strictObject({
  sender,
  subject,
  text,
  html,
  messageId,
  attachments: z
    .array(z.strictObject({ name: fileName, contentType, contentBase64: base64 }))
    .max(100)
    .default([]),
});

const JSON_FORMS =
  'JSON as Postmark sends it {From, Subject, TextBody, HtmlBody, MessageID, Attachments[{Name, ContentType, Content}]} or {sender, subject, text, html, messageId, attachments[{name, contentType, contentBase64}]}';

/** The text fields of a multipart delivery, under the names each service gives them. */
const Multipart = z.object({
  sender,
  subject,
  text,
  html,
  messageId,
});

/** The plain text, or where there is none the text of the HTML. */
const textOf = (plain: string, markup: string) => (plain.trim() || !markup.trim() ? plain : textOfHtml(markup));

const fromBase64 = (content: string) => Buffer.from(content, 'base64');

function fromJson(raw: Buffer): InboundMessage {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_request', `The body is not valid JSON: send ${JSON_FORMS}`);
  }
  const postmark = Postmark.safeParse(body);
  if (postmark.success) {
    const m = postmark.data;
    return {
      sender: m.From,
      subject: m.Subject,
      text: textOf(m.TextBody, m.HtmlBody),
      messageId: m.MessageID,
      attachments: m.Attachments.map((a) => ({ name: a.Name, contentType: a.ContentType, bytes: fromBase64(a.Content) })),
    };
  }
  const { html: markup, ...m } = parseOrBadRequest(Generic, body, `inbound message: send ${JSON_FORMS}`);
  return {
    ...m,
    text: textOf(m.text, markup),
    attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, bytes: fromBase64(a.contentBase64) })),
  };
}

/** The first field present among `names` (services spell the same field differently). */
const firstOf = (form: FormData, names: string[]): string | undefined => {
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === 'string' && value.trim()) return value;
  }
  return undefined;
};

/** SendGrid puts the message id only among the raw headers it forwards. */
const headerMessageId = (headers: string | undefined) => headers && /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim();

async function fromMultipart(raw: Buffer, type: string): Promise<InboundMessage> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new HttpError(400, 'bad_request', 'The multipart/form-data body cannot be read');
  }
  const fields = parseOrBadRequest(
    Multipart,
    {
      sender: firstOf(form, ['from', 'sender', 'From', 'Sender', 'from_number', 'fromNumber', 'caller_id']),
      subject: firstOf(form, ['subject', 'Subject']),
      text: firstOf(form, ['text', 'body-plain', 'stripped-text', 'TextBody', 'body']),
      html: firstOf(form, ['html', 'body-html', 'stripped-html', 'HtmlBody']),
      messageId:
        firstOf(form, ['message-id', 'Message-Id', 'Message-ID', 'MessageID', 'fax_id', 'faxId']) ??
        headerMessageId(firstOf(form, ['headers', 'message-headers'])),
    },
    'inbound message: multipart/form-data with from (or sender), subject, text (or html), message-id and the files',
  );
  const attachments: IncomingFile[] = [];
  for (const [, value] of form) {
    if (typeof value === 'string') continue;
    attachments.push({
      name: value.name || 'attachment',
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  const { html: markup, ...rest } = fields;
  return { ...rest, text: textOf(rest.text, markup), attachments };
}

/** The message a delivery carries, whatever the service's form; 400 or 415 when it is none of them. */
export async function inboundMessageOf(contentType: string | undefined, raw: Buffer): Promise<InboundMessage> {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) return fromJson(raw);
  if (type.startsWith('multipart/form-data')) return fromMultipart(raw, contentType ?? '');
  throw new HttpError(415, 'unsupported_media_type', `Send application/json (${JSON_FORMS}) or multipart/form-data`);
}
