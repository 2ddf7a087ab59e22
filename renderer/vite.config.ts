import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlineShell } from './build/offline-shell.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command, mode }) => {
  // A build started from a test runner inherits NODE_ENV=test; the bundle must still be the
  // production build of React and MUI (no dev warnings, no dev-only code paths).
  if (command === 'build' && mode !== 'development') process.env.NODE_ENV = 'production';
  return {
    root,
    base: './',
    plugins: [react(), offlineShell()],
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
