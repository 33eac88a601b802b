import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for one serve-mode run (printed once, like Jupyter's). */
export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares a presented token with the real one in constant time. */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads one cookie from a Cookie header; a value that is not valid percent-encoding reads as absent. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The token cookie's name for the server on `port`. Browsers keep cookies per host, not per port, so one fixed
 * name would let two Xenith servers on the same machine overwrite each other's token.
 */
export function sessionCookieName(port: number): string {
  return `xenith_token_${port}`;
}

/** The token of an `Authorization: Bearer <token>` header (how scripts present an API token), or null. */
export function readBearer(header: string | undefined): string | null {
  const match = /^Bearer +([\x21-\x7e]{1,512})$/i.exec(header?.trim() ?? '');
  return match ? match[1]! : null;
}
