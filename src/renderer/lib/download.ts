// Saves data the app made (an exported song, script or chart) as a file: an <a download> link to a
// blob, which the browser's or the shell's save takes.
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its copy once click() returns; the late revoke is belt and braces.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
