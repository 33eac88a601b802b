/** How a VM power state is drawn: a glyph, its accessible name, and a class for its colour. */
export interface PowerStateLook {
  readonly glyph: string;
  readonly label: string;
  readonly className: string;
}

const looks: Record<string, PowerStateLook> = {
  Running: { glyph: '▶', label: 'Running', className: 'power running' },
  Halted: { glyph: '■', label: 'Halted', className: 'power halted' },
  Suspended: { glyph: '☾', label: 'Suspended', className: 'power suspended' },
  Paused: { glyph: '❚❚', label: 'Paused', className: 'power paused' },
};

/** The look of an XAPI `vm_power_state`; anything unexpected is shown as unknown rather than guessed. */
export function powerStateLook(powerState: unknown): PowerStateLook {
  return looks[String(powerState)] ?? { glyph: '?', label: 'Unknown power state', className: 'power unknown' };
}
