/**
 * X11 keysyms for typing text into a guest without clipboard support (XenCenter's "Type clipboard text"):
 * Latin-1 characters are their own keysym, other characters use the Unicode keysym range, and line breaks
 * become Return.
 */
export function keysymsForText(text: string): number[] {
  const keysyms: number[] = [];
  for (const char of text.replace(/\r\n?/g, '\n')) {
    const codePoint = char.codePointAt(0)!;
    if (char === '\n') keysyms.push(0xff0d);
    else if (char === '\t') keysyms.push(0xff09);
    else if (codePoint >= 0x20 && codePoint <= 0x7e) keysyms.push(codePoint);
    else if (codePoint >= 0xa0 && codePoint <= 0xff) keysyms.push(codePoint);
    else if (codePoint > 0xff) keysyms.push(0x01000000 + codePoint);
  }
  return keysyms;
}
