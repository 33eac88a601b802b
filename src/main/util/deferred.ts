// A promise settled from outside, that can say whether it has settled (the pool connection waits on "listed" and
// "complete" while the load reports them).

/** A promise with its settlers, and whether it settled. */
export function deferred(): { promise: Promise<void>; resolve(): void; reject(error: unknown): void; readonly settled: boolean } {
  let settled = false;
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = () => {
      settled = true;
      res();
    };
    reject = (error) => {
      settled = true;
      rej(error);
    };
  });
  promise.catch(() => {});
  return {
    promise, resolve, reject,
    get settled() {
      return settled;
    },
  };
}
