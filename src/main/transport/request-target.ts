/**
 * Parses a request line's target as this server understands it: a path (origin form) such as `/api?token=…`.
 * Anything else — an absolute URL (`GET http://[`), `*`, or what no URL parser accepts — is null, so the caller
 * answers 400 instead of throwing. The path is appended to a fixed origin rather than resolved against it, so
 * `//name/…` stays a path and never becomes a host.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://request.invalid${target}`);
  } catch {
    return null;
  }
}
