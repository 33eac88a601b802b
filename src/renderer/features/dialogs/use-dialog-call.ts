import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { useBridge } from '../../app/bridge-context.js';
import { useAppStore } from '../../store/app-store.js';

export interface DialogCall {
  readonly busy: boolean;
  readonly error: ApiError | null;
  /** Calls the contract; resolves with the output, or null after showing the failure in the dialog. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M> | null>;
  /** Shows an error found before calling (a request the contract schema refuses). */
  showError(error: ApiError | null): void;
}

/**
 * A dialog's calls: busy while one runs, its failure kept for the dialog to show inline. A failure that comes
 * back after the dialog was closed still reaches the user, through the window's error line.
 */
export function useDialogCall(): DialogCall {
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const call = useCallback(
    async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M> | null> => {
      setBusy(true);
      setError(null);
      const result = await bridge.call(method, input);
      if (!mounted.current) {
        if (!result.ok) useAppStore.getState().setError(result.error);
        return result.ok ? result.output : null;
      }
      setBusy(false);
      if (result.ok) return result.output;
      setError(result.error);
      return null;
    },
    [bridge],
  );
  return { busy, error, call, showError: setError };
}
