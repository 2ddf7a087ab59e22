// One page of a PDF, drawn by pdf.js on a canvas at the chosen zoom, with pdf.js's text layer over
// it: the text can be selected and read by a screen reader. Loaded on demand (pdf.js is large).
import { Box, CircularProgress } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { loadPdf, PixelsPerInch, TextLayer, type PDFDocumentProxy } from './pdf-document';

export interface PdfViewProps {
  bytes: Uint8Array;
  name: string;
  /** 1-based. */
  page: number;
  zoom: number;
  onLoaded(pageCount: number): void;
  onError(message: string): void;
}

export default function PdfView({ bytes, name, page, zoom, onLoaded, onError }: PdfViewProps) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<string | null>(null);

  useEffect(() => {
    const loading = loadPdf(bytes);
    let live = true;
    loading.promise.then(
      (opened) => {
        if (!live) return;
        setDoc(opened);
        onLoaded(opened.numPages);
      },
      () => live && onError('This PDF cannot be shown: the file is damaged or not a PDF. Download it to open it elsewhere.'),
    );
    return () => {
      live = false;
      void loading.destroy();
    };
    // onLoaded/onError: the viewer's setters, stable for the document's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bytes]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const text = textRef.current;
    if (!doc || !canvas || !text) return;
    let cancel = () => {};
    let live = true;
    void (async () => {
      const pdfPage = await doc.getPage(page);
      if (!live) return;
      const viewport = pdfPage.getViewport({ scale: zoom * PixelsPerInch.PDF_TO_CSS_UNITS });
      // Sharp on high-density screens: the canvas has device pixels, the page CSS pixels.
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      text.replaceChildren();
      text.style.setProperty('--scale-factor', String(viewport.scale));
      text.style.setProperty('--total-scale-factor', String(viewport.scale));
      const render = pdfPage.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      const textLayer = new TextLayer({ textContentSource: pdfPage.streamTextContent(), container: text, viewport });
      cancel = () => {
        render.cancel();
        textLayer.cancel();
      };
      try {
        await Promise.all([render.promise, textLayer.render()]);
        if (live) setDrawn(`${page}@${zoom}`);
      } catch (error) {
        if (live && (error as Error | null)?.name !== 'RenderingCancelledException') onError('This page cannot be shown.');
      }
    })();
    return () => {
      live = false;
      cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onError: the viewer's setter
  }, [doc, page, zoom]);

  return (
    <Box sx={{ position: 'relative', mx: 'auto', width: 'fit-content' }}>
      {!doc && <CircularProgress aria-label={`Opening ${name}`} />}
      <Box
        role="group"
        aria-label={`Page ${page} of ${name}`}
        data-testid="pdf-page"
        data-drawn={drawn === `${page}@${zoom}`}
        sx={{ position: 'relative', boxShadow: 2, bgcolor: 'common.white', display: doc ? 'block' : 'none' }}
      >
        <canvas ref={canvasRef} aria-hidden="true" style={{ display: 'block' }} data-testid="pdf-canvas" />
        <Box ref={textRef} className="textLayer" data-testid="pdf-text" sx={TEXT_LAYER} />
      </Box>
    </Box>
  );
}

/** The part of pdf.js's viewer stylesheet the text layer needs: transparent text exactly over the drawn glyphs. */
const TEXT_LAYER = {
  position: 'absolute',
  inset: 0,
  overflow: 'clip',
  lineHeight: 1,
  textAlign: 'initial',
  transformOrigin: '0 0',
  '--min-font-size': 1,
  '--text-scale-factor': 'calc(var(--total-scale-factor) * var(--min-font-size))',
  '--min-font-size-inv': 'calc(1 / var(--min-font-size))',
  '& span, & br': {
    color: 'transparent',
    position: 'absolute',
    whiteSpace: 'pre',
    cursor: 'text',
    transformOrigin: '0% 0%',
  },
  '& > :not(.markedContent), & .markedContent span:not(.markedContent)': {
    zIndex: 1,
    '--font-height': 0,
    fontSize: 'calc(var(--text-scale-factor) * var(--font-height))',
    '--scale-x': 1,
    '--rotate': '0deg',
    transform: 'rotate(var(--rotate)) scaleX(var(--scale-x)) scale(var(--min-font-size-inv))',
  },
  '& .markedContent': { display: 'contents' },
  '& ::selection': { background: 'rgba(0 0 255 / 0.25)' },
} as const;
