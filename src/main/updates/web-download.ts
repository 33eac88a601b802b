import { Agent, interceptors, type Dispatcher } from 'undici';

/**
 * The dispatcher for the vendors' web sites (update catalogues and zips, which their CDNs redirect): verified by
 * the system's certificate authorities as any web download, and following redirects. Pools' own connections never
 * use it (they are pinned).
 */
export const webDispatcher: Dispatcher = new Agent({ headersTimeout: 60_000, bodyTimeout: 5 * 60_000 }).compose(interceptors.redirect({ maxRedirections: 5 }));
