// The URL a fetch was called with, whichever form it came in: `String()` of a Request is "[object Request]".
export const requestUrl = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
