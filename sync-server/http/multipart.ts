// multipart/form-data bodies (@fastify/multipart), registered once with limits from the server's
// configured maximum document size. Only the routes listed here take them: any other route refuses
// a multipart body with 415, as it did before the plugin was registered.
import fastifyMultipart, { type FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sizeText, type AttachmentLimits } from '../../shared/attachments/attachment';
import type { IncomingFile } from '../attachments/store';
import { HttpError } from '../errors/http-error';

/** Route patterns that read a multipart body (an inbound delivery reads its own signed body: routes-inbound.ts). */
const MULTIPART_ROUTES: ReadonlySet<string> = new Set([
  '/api/tasks/:taskId/attachments',
  '/request/:locationId',
  '/api/intake/inbound/:sourceId',
]);

/** Plain fields a multipart body may carry besides its files (their count and size). */
const FIELDS_MAX = 20;
const FIELD_BYTES_MAX = 64 * 1024;

const isMultipartBody = (request: FastifyRequest) => /^multipart\//i.test(request.headers['content-type'] ?? '');

export async function registerMultipart(app: FastifyInstance, limits: AttachmentLimits): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxPerTask,
      fields: FIELDS_MAX,
      fieldSize: FIELD_BYTES_MAX,
      parts: limits.maxPerTask + FIELDS_MAX,
      headerPairs: 100,
    },
  });
  app.addHook('onRequest', async (request) => {
    if (isMultipartBody(request) && !MULTIPART_ROUTES.has(request.routeOptions.url ?? ''))
      throw new HttpError(415, 'unsupported_media_type', 'This endpoint takes no multipart/form-data body');
  });
}

/** What a multipart body carried: each file with the name of its part, and the plain fields. */
export interface MultipartBody {
  files: { part: string; file: IncomingFile }[];
  fields: Record<string, string>;
  /** Files over the size limit, left out (only where asked for: `reportOversized`); none is kept beyond the limit. */
  oversized: { part: string; name: string }[];
}

export interface MultipartOptions {
  /**
   * A file over the size limit is left out and named in `oversized`, and the rest of the body is
   * read (a form can then be shown again with what was typed); otherwise it is a 413 at once.
   */
  reportOversized?: boolean;
}

/**
 * Reads the whole body into memory within the registered limits: a file over the size, too many
 * files or parts, or a body that is not well-formed multipart is a 413 or 400 that says which.
 */
export async function readMultipart(
  request: FastifyRequest,
  limits: AttachmentLimits,
  options: MultipartOptions = {},
): Promise<MultipartBody> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'Send the documents as multipart/form-data');
  const body: MultipartBody = { files: [], fields: {}, oversized: [] };
  try {
    // parts() takes the plugin's own options at run time as file() does (its type names busboy's only).
    const partOptions: FastifyMultipartBaseOptions = { throwFileSizeLimit: !options.reportOversized };
    for await (const part of request.parts(partOptions)) {
      if (part.type === 'field') {
        body.fields[part.fieldname] = String(part.value);
        continue;
      }
      const name = sentFileName(part.filename);
      const bytes = await part.toBuffer();
      // Cut at the limit by the parser (reportOversized only): what was read of it is dropped.
      if (part.file.truncated) body.oversized.push({ part: part.fieldname, name });
      else body.files.push({ part: part.fieldname, file: { name, contentType: part.mimetype, bytes } });
    }
  } catch (error) {
    throw multipartRefusal(error, limits);
  }
  return body;
}

/** A part's file name as the user named it: browsers send `"`, CR and LF in it as %22, %0D, %0A (the HTML form encoding). */
const sentFileName = (sent: string) => sent.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');

function multipartRefusal(error: unknown, limits: AttachmentLimits): HttpError {
  if (error instanceof HttpError) return error;
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new HttpError(413, 'attachment_too_large', `A document may be at most ${sizeText(limits.maxBytes)}`);
    case 'FST_FILES_LIMIT':
      return new HttpError(413, 'too_many_attachments', `A task holds at most ${limits.maxPerTask} documents`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new HttpError(413, 'too_many_parts', 'The body has more parts than a request may carry');
    default:
      // busboy's own errors (a missing boundary, a body cut short): the body, not the server.
      return new HttpError(400, 'bad_request', 'The multipart body is not well-formed');
  }
}
