// The open task's documents (task panel or approval window), and the viewer a document opens in.
import type { Page } from 'playwright-core';
import { openDialog } from '../support/mui';

export class AttachmentsSection {
  readonly viewer: DocumentViewer;

  constructor(private readonly page: Page) {
    this.viewer = new DocumentViewer(page);
  }

  /** The open task's (in the board's task panel, or the approval window's decision). */
  root() {
    return this.page.getByTestId('attachments');
  }

  /** Whether the person is offered to attach documents. */
  async offersAttach(): Promise<boolean> {
    return (await this.root().getByTestId('attach').count()) > 0;
  }

  /** Picks a file in the Attach button's file picker. */
  async attach(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.root().getByTestId('attach').click();
    await (await chooser).setFiles({ name, mimeType, buffer });
  }

  /** Counts from now on the document reads this page asks the server for to show (each one audited there). */
  countViews(): () => number {
    let views = 0;
    this.page.on('request', (request) => {
      if (/\/attachments\/[^/?]+\?purpose=view$/.test(request.url())) views++;
    });
    return () => views;
  }

  /** Why the last attach was refused, as the panel says it. */
  async refusal(): Promise<string> {
    const alert = this.root().getByTestId('attach-error');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }

  item(name: string) {
    return this.root().getByTestId('attachment').filter({ hasText: name });
  }

  async waitListed(name: string, timeout = 20_000): Promise<void> {
    await this.item(name).waitFor({ timeout });
  }

  /** The line under the name: type, size, when and by whom added. */
  async details(name: string): Promise<string> {
    return (await this.item(name).locator('.MuiListItemText-secondary').textContent()) ?? '';
  }

  /**
   * What this workstation keeps of `userId`'s documents for offline use, as IndexedDB stores it:
   * the task of each and whether `text` (the document's own words) can be read in what is stored.
   */
  async keptOnWorkstation(userId: string, text: string): Promise<{ taskId: string; readable: boolean }[]> {
    return this.page.evaluate(
      async ({ name, text }) => {
        if (!(await indexedDB.databases()).some((d) => d.name === name)) return [];
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(new Error('open failed'));
        });
        const read = <T>(store: string) =>
          new Promise<T[]>((resolve, reject) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result as T[]);
            req.onerror = () => reject(new Error('read failed'));
          });
        const listed = await read<{ taskId: string }>('documents');
        const sealed = await read<ArrayBuffer>('sealed');
        // Both stores are keyed by the document's id: the same order.
        return listed.map((doc, i) => ({ taskId: doc.taskId, readable: new TextDecoder('latin1').decode(sealed[i]).includes(text) }));
      },
      { name: `baton-attachments-u-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`, text },
    );
  }

  async open(name: string): Promise<DocumentViewer> {
    await openDialog(this.page, this.item(name), this.viewer.root());
    return this.viewer;
  }
}

export class DocumentViewer {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('attachment-viewer');
  }

  /** Waits until pdf.js has drawn the page shown and laid its text over it. */
  async waitPageDrawn(): Promise<void> {
    await this.root().locator('[data-testid="pdf-page"][data-drawn="true"]').waitFor({ timeout: 30_000 });
  }

  /** The page's text as pdf.js's text layer holds it (what a screen reader reads, what can be selected). */
  async pageText(): Promise<string> {
    return (await this.root().getByTestId('pdf-text').textContent()) ?? '';
  }

  /** How many pixels of the drawn page are not white: ink that pdf.js put on the canvas. */
  async inkedPixels(): Promise<number> {
    return this.root()
      .getByTestId('pdf-canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 1] < 128 && data[i + 2] < 128) inked++;
        return inked;
      });
  }

  /** The image shown inline: its accessible name and the size it is drawn at, once decoded. */
  async image(): Promise<{ name: string; width: number; height: number }> {
    const image = this.root().getByTestId('image-view');
    await image.waitFor();
    await this.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="image-view"]');
      return !!img && img.complete && img.naturalWidth > 0 && img.style.width !== '';
    });
    const box = (await image.boundingBox())!;
    return { name: (await image.getAttribute('alt')) ?? '', width: Math.round(box.width), height: Math.round(box.height) };
  }

  async pageLabel(): Promise<string> {
    return (await this.root().getByTestId('viewer-page').textContent()) ?? '';
  }

  async zoomLabel(): Promise<string> {
    return (await this.root().getByTestId('viewer-zoom').textContent()) ?? '';
  }

  async nextPage(): Promise<void> {
    await this.root().getByRole('button', { name: 'Next page' }).click();
  }

  async zoomIn(): Promise<void> {
    await this.root().getByRole('button', { name: 'Zoom in' }).click();
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Saves the document with Download; the file's name and bytes as the browser received them. */
  async download(): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.root().getByRole('button', { name: 'Download' }).click();
    const saved = await download;
    const stream = await saved.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: saved.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** What the viewer says instead of the document (offline, refused). */
  async message(): Promise<string> {
    const message = this.root().getByTestId('viewer-message');
    await message.waitFor();
    return (await message.textContent()) ?? '';
  }

  async showsKeptCopy(): Promise<boolean> {
    return (await this.root().getByTestId('viewer-from-cache').count()) > 0;
  }

  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.root().waitFor({ state: 'detached' });
  }
}
