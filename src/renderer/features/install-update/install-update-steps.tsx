import { useId } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Job } from '../../../shared/api/job-schema.js';
import type { UpdateFamily } from '../../../shared/api/update-schema.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { BusyLabel } from '../../components/busy-label.js';
import { CallError } from '../dialogs/call-error.js';
import { formatBytes } from '../details/format.js';
import { chosenCatalogueUpdate, distinctUpdates, rollingProblem, selectionOf, serverHasChosen, type InstallUpdateChoices } from './install-update-choices.js';

/** What every step gets: the mirror, the choices, and a way to change them. */
export interface InstallStepProps {
  mirror: ObjectIndex;
  choices: InstallUpdateChoices;
  update(change: (current: InstallUpdateChoices) => InstallUpdateChoices): void;
}

const hostName = (mirror: ObjectIndex, hostId: string): string => nameOf(objectOf(mirror, 'host', hostId)) || hostId;

/** Before You Start: what the wizard does, and which pool (any connected one). */
export function BeforeYouStartStep({ choices, update }: InstallStepProps) {
  const id = useId();
  const pools = [...usePoolsStore((state) => state.pools).values()].filter((pool) => pool.state === 'connected');
  return (
    <div className="before-you-start">
      <p>This wizard installs updates on the servers of a pool, the pool master first. XCP-ng servers take their updates from their repositories; XenServer updates are downloaded, unzipped and uploaded to the pool in one stream, with no file on this computer.</p>
      <p>With the post-update tasks left to Xenith, each server in turn is emptied (its VMs migrate to the others), updated, rebooted, and gets its own VMs back before the next one. Every step is written down, so Xenith closing or a server failing leaves the update paused at its step, to resume later.</p>
      <label htmlFor={id}>Pool</label>{' '}
      <select id={id} data-autofocus value={choices.poolId ?? ''} onChange={(event) => update((current) => ({ ...current, poolId: event.target.value || null, listing: null }))}>
        {choices.poolId === null && <option value="">Choose a pool</option>}
        {pools.map((pool) => (
          <option key={pool.poolId} value={pool.poolId}>
            {pool.label || pool.address}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface SelectUpdateProps extends InstallStepProps {
  /** The pool's family (from its master), known before any listing arrives. */
  family: UpdateFamily | null;
  listing: { busy: boolean; error: ApiError | null; reload(): void };
  sync: { busy: boolean; error: ApiError | null; run(): void };
}

/** Select Update: XCP-ng's packages, a XenServer catalogue's updates, or the CDN's after a sync. */
export function SelectUpdateStep({ mirror, choices, update, family, listing, sync }: SelectUpdateProps) {
  const group = useId();
  const urlId = useId();
  const entries = distinctUpdates(choices.listing);
  const notes = choices.listing?.hosts.filter((host) => host.status !== 'ok') ?? [];
  return (
    <div className="select-update">
      {family === 'xenserver' && (
        <p>
          <label htmlFor={urlId}>Update catalogue</label>{' '}
          <input id={urlId} type="url" size={48} value={choices.catalogueUrl} onChange={(event) => update((current) => ({ ...current, catalogueUrl: event.target.value }))} />{' '}
          <button type="button" onClick={listing.reload} disabled={listing.busy}>
            Check
          </button>
        </p>
      )}
      {family === 'cdn' && (
        <p>
          <button type="button" onClick={sync.run} disabled={sync.busy}>
            <BusyLabel busy={sync.busy} label="Synchronize Now" busyLabel="Synchronizing…" />
          </button>{' '}
          The pool downloads the updates from the update CDN; they are then listed here.
        </p>
      )}
      <CallError error={listing.error ?? sync.error} />
      {listing.busy && (
        <p className="dialog-note" role="status">
          <span className="spinner" aria-hidden="true" /> Asking the servers for their updates…
        </p>
      )}
      {notes.map((host) => (
        <p key={host.hostId} className="dialog-note" role="status">
          {hostName(mirror, host.hostId)}: {host.message}
        </p>
      ))}
      {!listing.busy && choices.listing && entries.length === 0 && <p className="dialog-note">Every server is up to date.</p>}
      {entries.length > 0 && (
        <fieldset className="update-choice-list">
          <legend>{family === 'xcp-ng' ? 'Updates to install' : 'Update to install'}</legend>
          {entries.map(({ update: u, servers }) => {
            const detail = `${u.version ? `${u.version} · ` : ''}${servers} server(s)${u.rebootNeeded ? ' · reboot' : ''}${u.size !== null ? ` · ${formatBytes(u.size)}` : ''}`;
            return (
              <label key={u.id}>
                {family === 'xcp-ng' ? (
                  <input
                    type="checkbox"
                    checked={choices.packages.includes(u.id)}
                    onChange={(event) => update((current) => ({ ...current, packages: event.target.checked ? [...current.packages, u.id] : current.packages.filter((p) => p !== u.id), prechecks: null }))}
                  />
                ) : family === 'xenserver' ? (
                  <input type="radio" name={group} checked={choices.catalogueUpdateId === u.id} onChange={() => update((current) => ({ ...current, catalogueUpdateId: u.id, poolUpdateId: null, prechecks: null }))} />
                ) : (
                  <span aria-hidden="true">•</span>
                )}
                <span className="update-name">{u.name}</span> <span className="update-detail">{detail}</span>
              </label>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}

/** Select Servers: every server of the pool; those with nothing chosen to install cannot be ticked. */
export function SelectServersStep({ mirror, choices, update }: InstallStepProps) {
  return (
    <fieldset className="update-choice-list">
      <legend>Servers to update (the master goes first)</legend>
      {(choices.listing?.hosts ?? []).map((host) => {
        const has = serverHasChosen(choices, host.hostId);
        return (
          <label key={host.hostId}>
            <input
              type="checkbox"
              disabled={!has}
              checked={choices.hostIds.includes(host.hostId)}
              onChange={(event) => update((current) => ({ ...current, hostIds: event.target.checked ? [...current.hostIds, host.hostId] : current.hostIds.filter((id) => id !== host.hostId), prechecks: null }))}
            />
            {hostName(mirror, host.hostId)}
            {!has && <span className="update-detail"> (up to date)</span>}
          </label>
        );
      })}
    </fieldset>
  );
}

/** Upload: XenServer's download → unzip → upload stream and how far it got; nothing to do for the others. */
export function UploadStep({ choices, upload }: InstallStepProps & { upload: { job: Job | null; error: ApiError | null; retry(): void } }) {
  const family = choices.listing?.family;
  if (family === 'xcp-ng') return <p className="dialog-note">Nothing to upload: XCP-ng servers download their updates from their own repositories.</p>;
  if (family === 'cdn') return <p className="dialog-note">Nothing to upload: the pool downloaded the updates when it synchronised with the CDN.</p>;
  const chosen = chosenCatalogueUpdate(choices);
  const job = upload.job;
  return (
    <div className="upload-step">
      <p>
        {chosen?.name ?? 'The update'} is downloaded from the vendor, unzipped and written to the pool's storage in one stream: nothing is stored on this computer.
      </p>
      {job && (
        <p role="status">
          <progress max={1} value={job.progress} aria-label={`Upload: ${Math.floor(job.progress * 100)}%`} /> {choices.poolUpdateId ? 'Uploaded.' : job.state === 'running' ? 'Uploading…' : ''}
        </p>
      )}
      <CallError error={upload.error} />
      {upload.error && (
        <button type="button" onClick={upload.retry}>
          Upload Again
        </button>
      )}
    </div>
  );
}

const statusText = { passed: 'Passed', warning: 'Warning', failed: 'Failed' } as const;

/** Prechecks: every check with its verdict (XAPI's code when it refused), HA's choice, and the dry run. */
export function PrechecksStep({ mirror, choices, update, checking, error, recheck }: InstallStepProps & { checking: boolean; error: ApiError | null; recheck(): void }) {
  const haCheck = choices.prechecks?.checks.find((check) => check.id === 'ha');
  return (
    <div className="prechecks-step">
      {checking && (
        <p className="dialog-note" role="status">
          <span className="spinner" aria-hidden="true" /> Checking the servers…
        </p>
      )}
      <CallError error={error} />
      {choices.prechecks && (
        <ul className="plain-list precheck-list" aria-label="Prechecks">
          {choices.prechecks.checks.map((check) => (
            <li key={check.id} data-status={check.status}>
              <strong>{statusText[check.status]}</strong> {check.title}
              {check.status !== 'passed' && (
                <>
                  : {check.message} {check.code && <code className="error-code">({check.code})</code>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {haCheck && haCheck.status !== 'passed' && (
        <label>
          <input type="checkbox" checked={choices.disableHa} onChange={(event) => update((current) => ({ ...current, disableHa: event.target.checked, prechecks: null }))} /> Turn high availability off for the update, and back on at the end
        </label>
      )}
      {choices.prechecks && (
        <details className="plan-list" open>
          <summary>What the rolling update will do</summary>
          <ol>
            {choices.prechecks.plan.map((entry) => (
              <li key={entry.hostId}>
                {hostName(mirror, entry.hostId)}: {entry.steps.length} steps; {entry.vmIds.length} VM(s) move off and back
              </li>
            ))}
          </ol>
        </details>
      )}
      <button type="button" onClick={recheck} disabled={checking}>
        Check Again
      </button>
    </div>
  );
}

/** Update Mode: Xenith carries out the post-update tasks (rolling reboot), or the person does. */
export function UpdateModeStep({ choices, update }: InstallStepProps) {
  const group = useId();
  const problem = rollingProblem(choices);
  return (
    <fieldset className="update-mode">
      <legend>Post-update tasks</legend>
      <label className="mode-option">
        <input type="radio" name={group} data-autofocus checked={choices.mode === 'automatic'} onChange={() => update((current) => ({ ...current, mode: 'automatic' }))} /> Allow Xenith to carry out the post-update tasks automatically
        <span className="update-detail"> (each server in turn: its VMs migrate away, it updates and reboots, its VMs come back)</span>
      </label>
      {problem && <p className="dialog-note">{problem}</p>}
      <label className="mode-option">
        <input type="radio" name={group} checked={choices.mode === 'manual'} onChange={() => update((current) => ({ ...current, mode: 'manual' }))} /> I will carry out the post-update tasks myself
        <span className="update-detail"> (install only; reboot the servers yourself)</span>
      </label>
    </fieldset>
  );
}

/** Install: what happens when the person clicks Install. */
export function InstallStep({ mirror, choices }: InstallStepProps) {
  const selection = selectionOf(choices);
  const servers = (choices.listing?.hosts ?? []).filter((host) => choices.hostIds.includes(host.hostId)).map((host) => hostName(mirror, host.hostId));
  const what = selection?.family === 'xcp-ng' ? (selection.packages.length === 0 ? 'every available update' : selection.packages.join(', ')) : selection?.family === 'xenserver' ? (chosenCatalogueUpdate(choices)?.name ?? 'the update') : 'the synchronised updates';
  return (
    <div className="install-step">
      <p>
        Install {what} on {servers.join(', ')}, master first{choices.mode === 'automatic' ? ', rebooting each server in turn with its VMs moved away and back' : ''}.
      </p>
      <p className="dialog-note">Install Update starts it as a task: follow it in the task panel, where a rolling update lists its steps and can be paused, resumed, or told to skip a server.</p>
    </div>
  );
}
