/** A 24-character progress bar for a share between 0 and 1: `[######..................]`. */
export function barText(share: number): string {
  const width = 24;
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** A line cut to the terminal's width (with an ellipsis), so redrawing it in place never wraps. */
export function fitLine(stream: NodeJS.WriteStream, line: string): string {
  const columns = stream.columns || 80;
  return line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line;
}
