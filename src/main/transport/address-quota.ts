/** Counts what each remote address holds (open sockets) and refuses past a limit. */
export class AddressQuota {
  readonly #held = new Map<string, number>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Takes one slot for `address`; returns its release (safe to call more than once), or null when it is full. */
  take(address: string): (() => void) | null {
    const held = this.#held.get(address) ?? 0;
    if (held >= this.#limit) return null;
    this.#held.set(address, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#held.get(address) ?? 1) - 1;
      if (left > 0) this.#held.set(address, left);
      else this.#held.delete(address);
    };
  }
}
