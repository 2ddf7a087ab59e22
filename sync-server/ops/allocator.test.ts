// The allocator settings are written out in the deployment files by hand (they are not code): each
// must carry exactly the values the tests run the server with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_ALLOCATOR_ENV } from './allocator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the server allocator settings in the deployment files', () => {
  it.each(Object.entries(SERVER_ALLOCATOR_ENV))('the Docker image sets %s=%s', (name, value) => {
    expect(read('Dockerfile')).toMatch(new RegExp(`^(ENV)?\\s*${name}=${value}\\b`, 'm'));
  });

  it.each(Object.entries(SERVER_ALLOCATOR_ENV))('the systemd unit sets %s=%s', (name, value) => {
    expect(read('build/server/baton-sync.service')).toMatch(new RegExp(`^Environment=${name}=${value}$`, 'm'));
  });
});
