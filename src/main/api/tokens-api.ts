import type { ApiTokenStore } from '../tokens/api-token-store.js';
import type { PartialImplementation } from './implementation.js';

/** token.create, token.list and token.revoke (the list's changes go out as tokens.changed from the store). */
export function createTokensApi(store: ApiTokenStore): PartialImplementation<'token.create' | 'token.list' | 'token.revoke'> {
  return {
    'token.create': async ({ name }) => store.create(name),
    'token.list': async () => store.list(),
    'token.revoke': async ({ tokenId }) => ({ revoked: await store.revoke(tokenId) }),
  };
}
