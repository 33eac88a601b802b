import type { XapiRecord } from '../../../../shared/xapi/objects.js';
import { formatBytes } from '../../details/format.js';
import type { MemoryDraft, VmDraft } from '../draft-vm.js';
import { problemOf } from '../properties-draft.js';
import { NumberBox, PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

const GiB = 1024 ** 3;

const settings: readonly { field: keyof MemoryDraft; label: string; isStatic: boolean; note: string }[] = [
  { field: 'staticMin', label: 'Static minimum', isStatic: true, note: 'The least the VM can ever be given.' },
  { field: 'dynamicMin', label: 'Dynamic minimum', isStatic: false, note: 'What dynamic memory control may shrink it to.' },
  { field: 'dynamicMax', label: 'Dynamic maximum', isStatic: false, note: 'What it gets when the server has room.' },
  { field: 'staticMax', label: 'Static maximum', isStatic: true, note: 'The most it can ever be given.' },
];

/**
 * Memory: the four settings in GiB, each out-of-order value marked beside its box with XAPI's rule (static min ≤
 * dynamic min ≤ dynamic max ≤ static max). A running VM keeps its static range; its dynamic range changes live.
 */
export function MemoryPage({ draft, update, problems, object, saving }: PageProps<VmDraft, XapiRecord<'VM'>>) {
  const halted = object.power_state === 'Halted';
  const { memory } = draft;
  const fixed = memory.dynamicMin === memory.dynamicMax;
  return (
    <>
      <p className="dialog-note">
        XAPI requires static minimum ≤ dynamic minimum ≤ dynamic maximum ≤ static maximum.{' '}
        {halted ? 'Set the dynamic minimum and maximum to the same value for a fixed size.' : `The VM is ${object.power_state.toLowerCase()}: only its dynamic range can change now; shut it down to change the static range.`}
      </p>
      {settings.map((setting) => (
        <PageField key={setting.field} label={setting.label} problem={problemOf(problems, 'memory', setting.field)} note={setting.note}>
          {(ids) => (
            <NumberBox
              ids={ids}
              value={memory[setting.field]}
              scale={GiB}
              unit="GiB"
              min={0}
              step="any"
              disabled={saving || (setting.isStatic && !halted)}
              onValue={(bytes) => update({ memory: { ...memory, [setting.field]: bytes } })}
            />
          )}
        </PageField>
      ))}
      <p className="dialog-note" role="status">
        {Number.isFinite(memory.dynamicMax) && Number.isFinite(memory.dynamicMin)
          ? fixed
            ? `The VM will have a fixed ${formatBytes(memory.dynamicMax)}.`
            : `The VM will have between ${formatBytes(memory.dynamicMin)} and ${formatBytes(memory.dynamicMax)}.`
          : ''}
      </p>
    </>
  );
}
