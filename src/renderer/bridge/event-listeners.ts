/** Listeners of server events by event name, as every Bridge keeps them. */
export class EventListeners {
  readonly #byEvent = new Map<string, Set<(payload: never) => void>>();

  /** Adds a listener; returns the function that removes it. */
  add(event: string, listener: (payload: never) => void): () => void {
    const set = this.#byEvent.get(event) ?? new Set();
    set.add(listener);
    this.#byEvent.set(event, set);
    return () => set.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    this.#byEvent.get(event)?.forEach((listener) => listener(payload as never));
  }
}
