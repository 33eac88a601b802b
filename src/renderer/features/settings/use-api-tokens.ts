import { useEffect, useState } from 'react';
import type { ApiTokenInfo } from '../../../shared/api/methods/tokens.js';
import { useBridge } from '../../app/bridge-context.js';

/** The API tokens, loaded once and kept in step with tokens.changed (a CLI creating or revoking one, say). */
export function useApiTokens(): ApiTokenInfo[] | null {
  const bridge = useBridge();
  const [tokens, setTokens] = useState<ApiTokenInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    const off = bridge.subscribe('tokens.changed', ({ tokens: next }) => setTokens(next));
    void bridge.call('token.list', {}).then((result) => {
      if (live && result.ok) setTokens((current) => current ?? result.output);
    });
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return tokens;
}

/** A token's date as a person reads it; "never" for a token not used yet. */
export function formatTokenDate(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
