import { useId } from 'react';
import type { SrLocation } from '../../../shared/api/methods/sr.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { formatBytes } from '../details/format.js';
import { chooseKind, locationOf, srKinds, srKindText, type NewSrChoices } from './new-sr-choices.js';

interface StepProps {
  readonly choices: NewSrChoices;
  readonly mirror: ObjectIndex;
  readonly busy: boolean;
  update(change: (choices: NewSrChoices) => NewSrChoices): void;
}

/** Type: which kind of storage, as XenCenter's first page lists them. */
export function TypeStep({ choices, busy, update }: StepProps) {
  return (
    <fieldset className="plain sr-type-step">
      <legend className="visually-hidden">Storage type</legend>
      {srKinds.map((kind, index) => (
        <label key={kind} className="check choice">
          <input type="radio" name="sr-kind" checked={choices.kind === kind} disabled={busy} data-autofocus={index === 0 ? true : undefined} onChange={() => update((c) => chooseKind(c, kind))} />
          <span>{srKindText[kind].label}</span>
          <span className="choice-detail">{srKindText[kind].detail}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Name: the SR's name (the kind's default until typed) and description. */
export function NameStep({ choices, busy, update }: StepProps) {
  const ids = useId();
  return (
    <div className="name-step">
      <div className="field">
        <label htmlFor={`${ids}-name`}>Name:</label>
        <input id={`${ids}-name`} value={choices.name} maxLength={255} disabled={busy} spellCheck={false} autoComplete="off" data-autofocus onChange={(event) => {
          const name = event.target.value;
          update((c) => ({ ...c, name, nameEdited: true }));
        }} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>Description:</label>
        <textarea id={`${ids}-description`} value={choices.description} rows={3} maxLength={1000} disabled={busy} onChange={(event) => {
          const description = event.target.value;
          update((c) => ({ ...c, description }));
        }} />
      </div>
    </div>
  );
}

/** The location in one line for the summary ("10.0.10.20:/export/vms", "iqn… LUN 3"). */
function locationText(location: SrLocation, choices: NewSrChoices): string {
  switch (location.type) {
    case 'nfs':
      return `${location.server}:${location.path ?? ''}${location.version ? ` (NFSv${location.version})` : ''}`;
    case 'iscsi': {
      const lun = choices.luns.find((each) => each.scsiId === location.scsiId);
      return `${location.target}:${location.port ?? 3260} ${location.iqn ?? ''}${lun ? `, LUN ${lun.lunId} (${formatBytes(lun.size)})` : ''}`;
    }
    case 'smb':
    case 'iso-smb':
      return `${location.share}${location.user ? ` as ${location.user}` : ''}`;
    case 'local':
      return `${location.device} (${location.format === 'ext' ? 'EXT' : 'LVM'})`;
    case 'iso-nfs':
      return location.location;
  }
}

/**
 * Finish: what will be made, and — when the location already holds an SR — XenCenter's question: Reattach it (its
 * disks are kept), Format (everything on it is destroyed), or, where several SRs can live side by side, create a
 * new one next to them.
 */
export function FinishStep({ choices, mirror, busy, update }: StepProps) {
  const found = choices.found ?? [];
  const single = choices.kind === 'iscsi' || choices.kind === 'local';
  const host = objectOf(mirror, 'host', choices.hostId);
  const place = choices.kind === 'iscsi' ? 'LUN' : choices.kind === 'local' ? 'disk' : 'location';
  return (
    <div className="finish-step">
      <dl className="summary">
        <div className="summary-row"><dt>Type</dt><dd>{srKindText[choices.kind].label}</dd></div>
        <div className="summary-row"><dt>Name</dt><dd>{choices.name}</dd></div>
        <div className="summary-row"><dt>Location</dt><dd>{locationText(locationOf(choices), choices)}</dd></div>
        <div className="summary-row"><dt>Servers</dt><dd>{choices.kind === 'local' ? nameOf(host) : 'Every server of the pool'}</dd></div>
      </dl>
      {found.length > 0 && (
        <fieldset className="existing-srs">
          <legend>{single ? `This ${place} already holds an SR` : `This ${place} already holds ${found.length === 1 ? 'an SR' : `${found.length} SRs`}`}</legend>
          {!single && (
            <label className="check choice">
              <input type="radio" name="existing" checked={choices.existing.kind === 'new'} disabled={busy} onChange={() => update((c) => ({ ...c, existing: { kind: 'new' } }))} />
              <span>Create a new SR next to {found.length === 1 ? 'it' : 'them'}</span>
            </label>
          )}
          {found.map((sr) => (
            <label key={sr.uuid} className="check choice">
              <input type="radio" name="existing" disabled={busy || sr.srId !== null} checked={choices.existing.kind === 'reattach' && choices.existing.uuid === sr.uuid} onChange={() => update((c) => ({ ...c, existing: { kind: 'reattach', uuid: sr.uuid } }))} />
              <span>Reattach {sr.name ? `'${sr.name}'` : 'the SR'}</span>
              <span className="choice-detail">
                {sr.uuid}
                {sr.size !== null ? `, ${formatBytes(sr.size)}` : ''}
                {sr.srId !== null ? ' — already in this pool' : ' — its disks are kept'}
              </span>
            </label>
          ))}
          {single && (
            <label className="check choice">
              <input type="radio" name="existing" checked={choices.existing.kind === 'format'} disabled={busy} onChange={() => update((c) => ({ ...c, existing: { kind: 'format' } }))} />
              <span>Format the {place}</span>
              <span className="choice-detail">Creates a new, empty SR on it.</span>
            </label>
          )}
          {choices.existing.kind === 'format' && (
            <p className="dialog-warning" role="alert">
              Formatting destroys the SR on this {place} and every virtual disk on it. This cannot be undone.
            </p>
          )}
        </fieldset>
      )}
    </div>
  );
}
