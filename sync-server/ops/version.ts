// The release this server is, from package.json (bundled into dist/server by esbuild).
import pkg from '../../package.json' with { type: 'json' };

export const SERVER_VERSION: string = pkg.version;
