// Hands bytes to the browser's (or the desktop app's) download, under the document's own name.
export function saveFile(bytes: Uint8Array<ArrayBuffer>, name: string, contentType: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
