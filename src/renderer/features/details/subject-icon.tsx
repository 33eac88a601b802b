import type { LooseXapiObject } from '../../../shared/xapi/objects.js';
import { powerStateLook } from '../tree/power-state.js';
import type { SubjectKind } from './details-subject.js';

const glyphs: Record<SubjectKind, string> = { pool: '◆', host: '▤', vm: '', template: '❐', sr: '◫', network: '⇄', group: '▦' };

/**
 * The icon before an object's name (title, Search rows): a VM's shows its power state and is an image named
 * by it; the others are decoration, the same glyphs as the tree's.
 */
export function SubjectIcon({ kind, object }: { kind: SubjectKind; object: LooseXapiObject | undefined }) {
  if (kind === 'vm') {
    const look = powerStateLook(object?.power_state);
    return (
      <span className={`subject-icon ${look.className}`} role="img" aria-label={look.label} title={look.label}>
        {look.glyph}
      </span>
    );
  }
  const dimmed = kind === 'host' && object?.enabled === false;
  return (
    <span className={`subject-icon ${kind}-icon${dimmed ? ' disabled' : ''}`} aria-hidden="true">
      {glyphs[kind]}
    </span>
  );
}

/** The subject kind of a mirrored object, for its icon. */
export function kindOfObject(object: LooseXapiObject): SubjectKind {
  switch (object.$type) {
    case 'VM':
      return object.is_a_template === true ? 'template' : 'vm';
    case 'host':
      return 'host';
    case 'pool':
      return 'pool';
    case 'SR':
      return 'sr';
    case 'network':
      return 'network';
    default:
      return 'group';
  }
}
