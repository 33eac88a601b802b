import { powerStateLook } from '../tree/power-state.js';
import type { DetailsSubject, SubjectKind } from './details-subject.js';

const glyphs: Record<SubjectKind, string> = { pool: '◆', host: '▤', vm: '', template: '❐', sr: '◫', network: '⇄', group: '▦' };

/**
 * The icon before an object's name (title, Search rows): a VM's shows its power state and is an image named
 * by it; the others are decoration, the same glyphs as the tree's (a disabled server's dimmed).
 */
export function SubjectIcon({ kind, powerState, disabled = false }: { kind: SubjectKind; powerState?: string | null; disabled?: boolean }) {
  if (kind === 'vm') {
    const look = powerStateLook(powerState);
    return (
      <span className={`subject-icon ${look.className}`} role="img" aria-label={look.label} title={look.label}>
        {look.glyph}
      </span>
    );
  }
  return (
    <span className={`subject-icon ${kind}-icon${disabled ? ' disabled' : ''}`} aria-hidden="true">
      {glyphs[kind]}
    </span>
  );
}

/** The icon of the details pane's subject. */
export function DetailsSubjectIcon({ subject }: { subject: DetailsSubject }) {
  return (
    <SubjectIcon
      kind={subject.kind}
      powerState={subject.kind === 'vm' ? subject.object.power_state : undefined}
      disabled={subject.kind === 'host' && subject.object.enabled === false}
    />
  );
}
