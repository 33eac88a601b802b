/**
 * The screen of a vt100 text console (a host's own console when it has no RFB one): enough of VT100/ANSI for
 * what XAPI's text consoles send — printable text, CR, LF, backspace, clear screen, cursor position, erase
 * line; other escape sequences (colours) are skipped.
 */
export class TextTerminal {
  readonly rows: number;
  readonly cols: number;
  #cells: string[][];
  #row = 0;
  #col = 0;
  /** An escape sequence split across two chunks waits here. */
  #pending = '';

  constructor(rows = 25, cols = 80) {
    this.rows = rows;
    this.cols = cols;
    this.#cells = Array.from({ length: rows }, () => new Array<string>(cols).fill(' '));
  }

  get cursor(): { row: number; col: number } {
    return { row: this.#row, col: this.#col };
  }

  /** The screen as lines, trailing spaces trimmed. */
  lines(): string[] {
    return this.#cells.map((line) => line.join('').replace(/\s+$/, ''));
  }

  write(text: string): void {
    const input = this.#pending + text;
    this.#pending = '';
    for (let i = 0; i < input.length; i++) {
      const char = input[i]!;
      if (char === '\x1b') {
        const match = /^\x1b\[([\d;?]*)([A-Za-z])/.exec(input.slice(i));
        if (!match) {
          if (input.length - i < 16) this.#pending = input.slice(i);
          return;
        }
        this.#escape(match[1]!, match[2]!);
        i += match[0].length - 1;
      } else if (char === '\r') this.#col = 0;
      else if (char === '\n') this.#lineFeed();
      else if (char === '\b') this.#col = Math.max(0, this.#col - 1);
      else if (char >= ' ') this.#put(char);
    }
  }

  #escape(params: string, command: string): void {
    const numbers = params.split(';').map((part) => Number(part) || 0);
    if (command === 'J' && numbers[0] === 2) this.#cells.forEach((line) => line.fill(' '));
    else if (command === 'H' || command === 'f') {
      this.#row = Math.min(this.rows - 1, Math.max(0, (numbers[0] || 1) - 1));
      this.#col = Math.min(this.cols - 1, Math.max(0, (numbers[1] || 1) - 1));
    } else if (command === 'K') this.#cells[this.#row]!.fill(' ', this.#col);
  }

  #put(char: string): void {
    if (this.#col >= this.cols) {
      this.#col = 0;
      this.#lineFeed();
    }
    this.#cells[this.#row]![this.#col] = char;
    this.#col++;
  }

  #lineFeed(): void {
    if (this.#row < this.rows - 1) this.#row++;
    else {
      this.#cells.shift();
      this.#cells.push(new Array<string>(this.cols).fill(' '));
    }
  }
}
