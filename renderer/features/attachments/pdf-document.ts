/// <reference types="vite/client" />
// (the `?url` import's type, for the lint's one program, which does not load the renderer's types)
// pdf.js set up for the renderer: its worker is a file of this build (script-src and worker-src
// 'self' in the content security policy allow it, in the web host and the desktop app alike; the
// offline shell keeps it with the other bundles), and a document is read from bytes in memory,
// never from a URL.
// The legacy build: the modern one calls Map.prototype.getOrInsertComputed (Chrome 145 and later),
// which Electron 45's Chromium 142 lacks; the legacy one carries such things as polyfills.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
export { PixelsPerInch, TextLayer } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Opens a PDF; pdf.js takes the buffer it is given to its worker, so it gets a copy. */
export function loadPdf(bytes: Uint8Array): { promise: Promise<PDFDocumentProxy>; destroy: () => Promise<void> } {
  const task = getDocument({
    data: bytes.slice(),
    // No font files or decoders from elsewhere: fonts the PDF does not embed come from the system.
    useSystemFonts: true,
    // Links and forms stay inert: the viewer shows the document, it does not act on it.
    enableXfa: false,
    // Scanned faxes are often JBIG2 images: pdf.js's JavaScript decoders, copied into the build
    // (vite.config.ts), since the content security policy allows no WebAssembly.
    useWasm: false,
    wasmUrl: new URL('pdfjs/', document.baseURI).href,
  });
  return { promise: task.promise, destroy: () => task.destroy() };
}
