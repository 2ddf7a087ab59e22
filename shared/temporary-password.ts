// A random temporary password (admin's "generate", the bootstrap command): 18 characters from an
// alphabet without look-alikes (l/1, O/0), about 100 bits. Web Crypto, so the renderer and Node share it.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function generatePassword(length = 18): string {
  let out = '';
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    globalThis.crypto.getRandomValues(bytes);
    // Rejection sampling keeps every character equally likely.
    for (const b of bytes) if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}
