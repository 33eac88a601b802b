/**
 * Resolves with the promise's value, or with `fallback` once `ms` have passed, whichever comes first: for waits
 * that must not hang a shutdown (logouts, server close). A rejection becomes the fallback too.
 */
export async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
