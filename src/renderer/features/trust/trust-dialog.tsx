import { useId, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { TrustRequest } from '../../../shared/api/pool-schema.js';
import { useBridge } from '../../app/bridge-context.js';
import { ModalDialog } from '../../components/modal-dialog.js';
import { selectOldestTrustRequest, usePoolsStore } from '../../store/pools-store.js';
import { formatCertificateDate } from './format-certificate.js';

/** Shows the oldest certificate question, if any; mounted once at the root. */
export function TrustPrompt() {
  const request = usePoolsStore(selectOldestTrustRequest);
  const waiting = usePoolsStore((state) => state.trustRequests.length);
  return request ? <TrustDialog key={request.requestId} request={request} waiting={waiting} /> : null;
}

/**
 * XenCenter's "New Security Certificate" for a host seen for the first time, and the "Security Certificate
 * Changed" warning when a pinned host shows another certificate. The changed case shows both fingerprints and
 * words its accept button so that nobody trusts a replaced certificate by habit; Cancel is the default there.
 */
export function TrustDialog({ request, waiting }: { request: TrustRequest; waiting: number }) {
  const bridge = useBridge();
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const decide = async (accept: boolean) => {
    if (busy) return;
    setBusy(true);
    const result = await bridge.call('trust.decide', { requestId: request.requestId, accept });
    if (result.ok) usePoolsStore.getState().settleTrustRequest(request.requestId);
    else {
      setBusy(false);
      setError(result.error);
    }
  };

  const endpoint = `${request.host}:${request.port}`;
  const titleId = `${ids}-title`;
  const introId = `${ids}-intro`;
  return (
    <ModalDialog labelledBy={titleId} describedBy={introId} onCancel={() => void decide(false)} className={request.changed ? 'trust-dialog changed' : 'trust-dialog'}>
      <h2 id={titleId}>{request.changed ? 'Security Certificate Changed' : 'New Security Certificate'}</h2>
      {request.changed ? (
        <div id={introId} className="warning-banner" role="alert">
          <strong>
            <span aria-hidden="true">⚠ </span>The certificate of {endpoint} has changed since Xenith last connected to it.
          </strong>
          <p>
            This happens when the server's certificate was replaced, but it is also what an attacker intercepting the
            connection looks like. Only trust the new certificate if you know it was replaced, and compare the new
            fingerprint with the one the server shows.
          </p>
        </div>
      ) : (
        <p id={introId} className="dialog-intro">
          The certificate of {endpoint} is not trusted by this computer. Before you accept it, check that its
          fingerprint matches the one the server shows (xe host-param-get or the server's console).
        </p>
      )}
      <dl className="certificate">
        <dt>Server</dt>
        <dd>{endpoint}</dd>
        {request.changed && (
          <>
            <dt>Previous fingerprint (SHA-256)</dt>
            <dd className="fingerprint previous" data-testid="previous-fingerprint">
              {request.previousFingerprint ?? 'unknown'}
            </dd>
          </>
        )}
        <dt>{request.changed ? 'New fingerprint (SHA-256)' : 'Fingerprint (SHA-256)'}</dt>
        <dd className="fingerprint" data-testid="certificate-fingerprint">
          {request.fingerprint}
        </dd>
        <dt>Subject</dt>
        <dd>{request.subject}</dd>
        <dt>Issuer</dt>
        <dd>{request.issuer}</dd>
        <dt>Valid from</dt>
        <dd>{formatCertificateDate(request.validFrom)}</dd>
        <dt>Valid to</dt>
        <dd>{formatCertificateDate(request.validTo)}</dd>
      </dl>
      {waiting > 1 && <p className="dialog-note">{waiting - 1} more certificate question(s) after this one.</p>}
      {error && (
        <p className="error inline-error" role="alert">
          {error.message} ({error.code})
        </p>
      )}
      <div className="dialog-buttons">
        {request.changed ? (
          <>
            <button type="button" className="danger" disabled={busy} onClick={() => void decide(true)}>
              Trust the new certificate
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void decide(false)} data-autofocus>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void decide(true)} data-autofocus>
              Accept
            </button>
            <button type="button" disabled={busy} onClick={() => void decide(false)}>
              Cancel
            </button>
          </>
        )}
      </div>
    </ModalDialog>
  );
}
