/**
 * Copies text to the clipboard; resolves false when the browser refuses (no secure context, no permission), so the
 * caller can fall back to selecting the text for Ctrl+C.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
