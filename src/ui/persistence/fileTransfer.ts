/** Files in and out of the page: downloads (a generated file) and reading a picked file. */

/** A file name from a document's name: letters, digits, `-` and `_` kept, the rest folded to `-`. */
export function fileNameFor(name: string | undefined, extension: string): string {
  const stem = (name ?? '')
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${stem || 'scenario'}.${extension}`;
}

/** Makes the browser download `url` (a data: or blob: URL) as `fileName`. */
export function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  // Firefox only follows a download link that is in the document.
  document.body.append(link);
  link.click();
  link.remove();
}

/** Downloads `text` as a file. */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(url, fileName);
  // The download has started by now; revoke on the next turn (revoking at once cancels it in some browsers).
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The text of a picked file (UTF-8). */
export function readFileText(file: Blob): Promise<string> {
  // Blob.text() where available; FileReader for older engines (and jsdom).
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsText(file);
  });
}
