import type { ReactNode } from 'react';
import type { MethodInput, MethodName } from '../../../shared/api/contract.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { useBridge } from '../../app/bridge-context.js';
import { askToConfirm } from '../../commands/ask-to-confirm.js';
import { callForCommand } from '../../commands/report-failure.js';
import { useDialogStore, type DialogRequest } from '../../store/dialog-store.js';
import { nameOf } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import './device-actions.css';

/** One button under a list: its label, whether it can run now, and what it does. */
interface Action {
  readonly label: string;
  readonly enabled: boolean;
  readonly run: () => void;
  /** Why it is disabled (the button's tooltip). */
  readonly why?: string | undefined;
}

function ActionBar({ label, actions }: { label: string; actions: readonly Action[] }): ReactNode {
  return (
    <div className="tab-actions device-actions" role="toolbar" aria-label={label}>
      {actions.map((action) => (
        <button key={action.label} type="button" className="toolbar-button" disabled={!action.enabled} title={action.enabled ? undefined : action.why} onClick={action.run}>
          {action.label}
        </button>
      ))}
    </div>
  );
}

const show = (request: DialogRequest) => () => useDialogStore.getState().show(request);

/** A call made from a button: its refusal shows in the window's error line; its job in the task panel. */
function useCaller(): <M extends MethodName>(method: M, input: MethodInput<M>) => void {
  const bridge = useBridge();
  return (method, input) => void callForCommand(bridge, method, input);
}

const live = (vm: XapiRecord<'VM'> | undefined) => vm?.power_state === 'Running' || vm?.power_state === 'Paused';

/** The buttons under a VM's disks, as XenCenter's Storage tab has them, for the selected disk (a VBD). */
export function VmDiskActions({ vm, vbdId }: { vm: XapiRecord<'VM'>; vbdId: string | null }) {
  const call = useCaller();
  const vbd = useObjectsStore(selectObject(vbdId ?? '', 'VBD'));
  const vdi = useObjectsStore(selectObject(vbd?.VDI ?? '', 'VDI'));
  const disk = vbd?.type === 'Disk' && vdi !== undefined ? { vbd, vdi } : undefined;
  const running = live(vm);
  const busyDevice = disk !== undefined && Object.keys(disk.vbd.current_operations).length > 0;
  const canLeave = disk !== undefined && !busyDevice && (!disk.vbd.currently_attached || disk.vbd.unpluggable);
  const why = !disk ? 'Select a disk first.' : busyDevice ? 'The disk is busy.' : undefined;
  const actions: Action[] = [
    { label: 'Add…', enabled: !vm.is_a_snapshot, run: show({ kind: 'addDisk', vmId: vm.$id }) },
    { label: 'Attach…', enabled: !vm.is_a_snapshot, run: show({ kind: 'attachDisk', vmId: vm.$id }) },
    {
      label: 'Detach', enabled: canLeave, why: why ?? 'Shut the VM down to detach this disk.',
      run: () => disk && askToConfirm({ title: 'Detach Disk', message: `Detach '${nameOf(disk.vdi)}' from '${nameOf(vm)}'? The disk stays on its SR.`, confirmLabel: 'Detach' }, () => call('vdi.detach', { vbdId: disk.vbd.$id })),
    },
    {
      label: 'Delete', enabled: canLeave && disk.vdi.VBDs.length === 1, why: why ?? 'The disk is in use.',
      run: () => disk && askToConfirm({ title: 'Delete Disk', message: `Delete '${nameOf(disk.vdi)}' and everything on it? This cannot be undone.`, confirmLabel: 'Delete', danger: true }, () => call('vdi.delete', { vdiId: disk.vdi.$id })),
    },
    { label: 'Properties', enabled: disk !== undefined, why, run: () => disk && show({ kind: 'diskProperties', vdiId: disk.vdi.$id })() },
    { label: 'Move…', enabled: disk !== undefined && !busyDevice, why, run: () => disk && show({ kind: 'moveDisk', vdiId: disk.vdi.$id })() },
  ];
  if (running) {
    const attached = disk?.vbd.currently_attached === true;
    actions.push({
      label: attached ? 'Deactivate' : 'Activate', enabled: disk !== undefined && !busyDevice && (!attached || disk.vbd.unpluggable), why: why ?? 'This disk cannot be deactivated while the VM runs.',
      run: () => disk && call('vbd.setActive', { vbdId: disk.vbd.$id, active: !attached }),
    });
  }
  return <ActionBar label="Disk actions" actions={actions} />;
}

/** The buttons under an SR's disks: a new disk, and for a disk no VM uses, Delete and Move…; Properties for any. */
export function SrDiskActions({ sr, vdiId }: { sr: XapiRecord<'SR'>; vdiId: string | null }) {
  const call = useCaller();
  const vdi = useObjectsStore(selectObject(vdiId ?? '', 'VDI'));
  const free = vdi !== undefined && vdi.VBDs.length === 0 && Object.keys(vdi.current_operations).length === 0;
  const why = !vdi ? 'Select a disk first.' : 'A VM uses this disk: do it from the VM\'s Storage tab.';
  const isoOrDrive = sr.content_type === 'iso' || sr.type === 'udev';
  return (
    <ActionBar
      label="Disk actions"
      actions={[
        { label: 'Add…', enabled: !isoOrDrive, why: 'This SR holds ISO images or drives.', run: show({ kind: 'addDisk', srId: sr.$id }) },
        {
          label: 'Delete', enabled: free, why,
          run: () => vdi && askToConfirm({ title: 'Delete Disk', message: `Delete '${nameOf(vdi)}' and everything on it? This cannot be undone.`, confirmLabel: 'Delete', danger: true }, () => call('vdi.delete', { vdiId: vdi.$id })),
        },
        { label: 'Properties', enabled: vdi !== undefined, why: 'Select a disk first.', run: () => vdi && show({ kind: 'diskProperties', vdiId: vdi.$id })() },
        { label: 'Move…', enabled: free && !isoOrDrive, why, run: () => vdi && show({ kind: 'moveDisk', vdiId: vdi.$id })() },
      ]}
    />
  );
}

/** The buttons under a VM's network interfaces: Add Interface…, Remove, Activate / Deactivate, Properties. */
export function VifActions({ vm, vifId }: { vm: XapiRecord<'VM'>; vifId: string | null }) {
  const call = useCaller();
  const vif = useObjectsStore(selectObject(vifId ?? '', 'VIF'));
  const busy = vif !== undefined && Object.keys(vif.current_operations).length > 0;
  const why = !vif ? 'Select an interface first.' : busy ? 'The interface is busy.' : undefined;
  const actions: Action[] = [
    { label: 'Add Interface…', enabled: !vm.is_a_snapshot, run: show({ kind: 'vmInterface', vmId: vm.$id }) },
    {
      label: 'Remove', enabled: vif !== undefined && !busy, why,
      run: () => vif && askToConfirm({ title: 'Remove Interface', message: `Remove interface ${vif.device} from '${nameOf(vm)}'?`, confirmLabel: 'Remove', danger: true }, () => call('vif.delete', { vifId: vif.$id })),
    },
  ];
  if (live(vm)) {
    const attached = vif?.currently_attached === true;
    actions.push({ label: attached ? 'Deactivate' : 'Activate', enabled: vif !== undefined && !busy, why, run: () => vif && call('vif.setActive', { vifId: vif.$id, active: !attached }) });
  }
  actions.push({ label: 'Properties', enabled: vif !== undefined, why, run: () => vif && show({ kind: 'vmInterface', vmId: vm.$id, vifId: vif.$id })() });
  return <ActionBar label="Interface actions" actions={actions} />;
}

/** The buttons under a host's or pool's networks: Add Network…, Remove Network (a VLAN, bond or private network). */
export function NetworkListActions({ poolId, networkId }: { poolId: string; networkId: string | null }) {
  const call = useCaller();
  const network = useObjectsStore(selectObject(networkId ?? '', 'network'));
  return (
    <ActionBar
      label="Network actions"
      actions={[
        { label: 'Add Network…', enabled: true, run: show({ kind: 'newNetwork', poolId }) },
        {
          label: 'Remove Network', enabled: network !== undefined, why: 'Select a network first.',
          run: () => network && askToConfirm({ title: 'Remove Network', message: `Remove '${nameOf(network)}' from every server (with its VLANs or bonds)?`, confirmLabel: 'Remove', danger: true }, () => call('network.delete', { networkId: network.$id })),
        },
      ]}
    />
  );
}

/** The buttons under a host's NICs and IP addresses: the management interface, and other IP interfaces. */
export function HostInterfaceActions({ hostId, pifId }: { hostId: string; pifId: string | null }) {
  const pif = useObjectsStore(selectObject(pifId ?? '', 'PIF'));
  const secondary = pif !== undefined && !pif.management;
  return (
    <ActionBar
      label="IP address actions"
      actions={[
        { label: 'Configure…', enabled: true, run: show({ kind: 'managementInterface', hostId }) },
        { label: 'Add IP Address…', enabled: true, run: show({ kind: 'storageInterface', hostId }) },
        { label: 'Interface Properties…', enabled: secondary, why: 'Select an interface other than the management one.', run: () => pif && show({ kind: 'storageInterface', hostId, pifId: pif.$id })() },
      ]}
    />
  );
}
