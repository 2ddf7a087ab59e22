// Thin wiring: the baton:// scheme. Privileges must be declared before the app is ready.
import fsp from 'node:fs/promises';
import { protocol } from 'electron';
import { createBundleHandler } from '../protocol/bundle-handler';
import { contentSecurityPolicy } from '../protocol/csp';
import { APP_SCHEME } from '../protocol/resolve-path';

export function declareAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: a real origin (IndexedDB, localStorage shared by both windows); secure: a secure context.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function serveBundle(bundleRoot: string, serverUrl: string): void {
  protocol.handle(
    APP_SCHEME,
    createBundleHandler({ bundleRoot, csp: contentSecurityPolicy(serverUrl), readFile: (file) => fsp.readFile(file) }),
  );
}
