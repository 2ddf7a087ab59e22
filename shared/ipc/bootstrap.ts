// Encodes the window bootstrap into one argv entry and reads it back, validated.
// base64url keeps it a single shell-safe token; no Buffer, so the sandboxed preload can use it.
import { BOOTSTRAP_ARG_PREFIX } from './bridge';
import { WindowBootstrap } from './schemas';

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const fromBase64Url = (b64: string) => {
  const binary = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
};

export function encodeBootstrapArg(bootstrap: WindowBootstrap): string {
  return BOOTSTRAP_ARG_PREFIX + toBase64Url(JSON.stringify(WindowBootstrap.parse(bootstrap)));
}

export function decodeBootstrapArg(argv: readonly string[]): WindowBootstrap {
  const arg = argv.find((a) => a.startsWith(BOOTSTRAP_ARG_PREFIX));
  if (!arg) throw new Error('Baton: this window was opened without its bootstrap argument');
  return WindowBootstrap.parse(JSON.parse(fromBase64Url(arg.slice(BOOTSTRAP_ARG_PREFIX.length))));
}
