/** A JSON column as written by the store; anything unreadable reads as null rather than failing a page. */
export function parseStoredJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
