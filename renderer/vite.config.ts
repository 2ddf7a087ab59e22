import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { offlineShell } from './build/offline-shell.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * pdf.js's image decoders in JavaScript (JBIG2, common in faxed PDFs, and JPEG 2000), which it
 * imports by name from its `wasmUrl` folder: copied under `pdfjs/` (renderer/features/attachments/
 * pdf-document.ts). Not the WebAssembly builds: the content security policy allows no WebAssembly.
 */
function pdfjsDecoders(): Plugin {
  const files = ['jbig2_nowasm_fallback.js', 'openjpeg_nowasm_fallback.js', 'LICENSE_JBIG2', 'LICENSE_OPENJPEG'];
  return {
    name: 'baton-pdfjs-decoders',
    apply: 'build',
    generateBundle() {
      for (const file of files) {
        const source = readFileSync(fileURLToPath(new URL(`../node_modules/pdfjs-dist/wasm/${file}`, import.meta.url)));
        this.emitFile({ type: 'asset', fileName: `pdfjs/${file}`, source });
      }
    },
  };
}

export default defineConfig(({ command, mode }) => {
  // A build started from a test runner inherits NODE_ENV=test; the bundle must still be the
  // production build of React and MUI (no dev warnings, no dev-only code paths).
  if (command === 'build' && mode !== 'development') process.env.NODE_ENV = 'production';
  return {
    root,
    base: './',
    // The decoders first: the offline shell keeps every file of the bundle, them too.
    plugins: [react(), pdfjsDecoders(), offlineShell()],
    build: {
      outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        output: {
          // Libraries change less often than the app: separate chunks stay cached across releases.
          codeSplitting: {
            groups: [
              { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'vendor-mui', test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis|clsx)/ },
              { name: 'vendor-data', test: /node_modules[\\/](rxdb|rxjs|dexie|zod|zustand|crypto-js)/ },
              // pdf.js loads only when a PDF is opened: kept out of the chunk every screen loads.
              { name: 'vendor-pdf', test: /node_modules[\\/]pdfjs-dist[\\/]/ },
              { name: 'vendor', test: /node_modules/ },
            ],
          },
        },
      },
    },
    server: {
      // `vite --config renderer/vite.config.ts` during development: API calls go to a local sync server.
      proxy: { '/api': 'http://127.0.0.1:8787' },
    },
  };
});
