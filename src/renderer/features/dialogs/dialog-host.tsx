import { useDialogStore } from '../../store/dialog-store.js';
import { DestroySrDialog } from '../disks/destroy-sr-dialog.js';
import { AddDiskDialog, AttachDiskDialog, DiskPropertiesDialog, MoveDiskDialog } from '../disks/disk-dialogs.js';
import { ManagementInterfaceDialog, SecondaryInterfaceDialog } from '../host-network/interface-dialogs.js';
import { InterfaceDialog } from '../interfaces/interface-dialog.js';
import { NewNetworkWizard } from '../new-network/new-network-wizard.js';
import { NewSrWizard } from '../new-sr/new-sr-wizard.js';
import { CrossPoolMigrateWizard } from '../migrate-wizard/cross-pool-migrate-wizard.js';
import { InstallUpdateWizard } from '../install-update/install-update-wizard.js';
import { NewVmWizard } from '../new-vm/new-vm-wizard.js';
import { AddPoolDialog } from '../pools/add-pool-dialog.js';
import { PropertiesDialog } from '../properties/properties-dialog.js';
import { OptionsDialog } from '../settings/options-dialog.js';
import { AboutDialog } from './about-dialog.js';
import { CloneVmDialog } from './clone-vm-dialog.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { CopyVmDialog } from './copy-vm-dialog.js';
import { ExportVmDialog } from '../files/export-vm-dialog.js';
import { ImportWizard } from '../import-wizard/import-wizard.js';
import { DeleteVmDialog } from './delete-vm-dialog.js';
import { EnterMaintenanceDialog } from './enter-maintenance-dialog.js';
import { ExitMaintenanceDialog } from './exit-maintenance-dialog.js';
import { HostPlacementDialog } from './host-placement-dialog.js';
import { HostPowerDialog } from './host-power-dialog.js';
import { ReconnectAsDialog } from './reconnect-as-dialog.js';
import { AlertSettingsDialog } from './alert-settings-dialog.js';
import { NewVmFromSnapshotDialog } from './new-vm-from-snapshot-dialog.js';
import { RenameDialog } from './rename-dialog.js';
import { RevertSnapshotDialog } from './revert-snapshot-dialog.js';
import { ScheduleEditorDialog } from './schedule-editor-dialog.js';
import { SnapshotPropertiesDialog } from './snapshot-properties-dialog.js';
import { SnapshotSchedulesDialog } from './snapshot-schedules-dialog.js';
import { TakeSnapshotDialog } from './take-snapshot-dialog.js';

/** Renders the dialog a command opened through the dialog store (one at a time, as modal dialogs are). */
export function DialogHost() {
  const open = useDialogStore((state) => state.open);
  const close = useDialogStore((state) => state.close);
  if (!open) return null;
  switch (open.kind) {
    case 'addPool':
      return <AddPoolDialog onClose={close} />;
    case 'newSr':
      return <NewSrWizard poolId={open.poolId} onClose={close} />;
    case 'newNetwork':
      return <NewNetworkWizard poolId={open.poolId} onClose={close} />;
    case 'destroySr':
      return <DestroySrDialog srId={open.srId} onClose={close} />;
    case 'addDisk':
      return <AddDiskDialog vmId={open.vmId} srId={open.srId} onClose={close} />;
    case 'attachDisk':
      return <AttachDiskDialog vmId={open.vmId} onClose={close} />;
    case 'diskProperties':
      return <DiskPropertiesDialog vdiId={open.vdiId} onClose={close} />;
    case 'moveDisk':
      return <MoveDiskDialog vdiId={open.vdiId} onClose={close} />;
    case 'vmInterface':
      return <InterfaceDialog vmId={open.vmId} vifId={open.vifId} onClose={close} />;
    case 'managementInterface':
      return <ManagementInterfaceDialog hostId={open.hostId} onClose={close} />;
    case 'storageInterface':
      return <SecondaryInterfaceDialog hostId={open.hostId} pifId={open.pifId} onClose={close} />;
    case 'confirm':
      return <ConfirmDialog request={open} onClose={close} />;
    case 'startOn':
      return <HostPlacementDialog mode="startOn" vmIds={[open.vmId]} onClose={close} />;
    case 'migrate':
      return <HostPlacementDialog mode="migrate" vmIds={open.vmIds} hostId={open.hostId} onClose={close} />;
    case 'crossPoolMigrate':
      return <CrossPoolMigrateWizard vmId={open.vmId} hostId={open.hostId} onClose={close} />;
    case 'clone':
      return <CloneVmDialog vmId={open.vmId} onClose={close} />;
    case 'copy':
      return <CopyVmDialog vmId={open.vmId} onClose={close} />;
    case 'exportVm':
      return <ExportVmDialog vmId={open.vmId} onClose={close} />;
    case 'importWizard':
      return <ImportWizard poolId={open.poolId} onClose={close} />;
    case 'deleteVm':
      return <DeleteVmDialog vmId={open.vmId} onClose={close} />;
    case 'rename':
      return <RenameDialog objectId={open.objectId} onClose={close} />;
    case 'properties':
      return <PropertiesDialog key={open.objectId} objectId={open.objectId} page={open.page} onClose={close} />;
    case 'hostPower':
      return <HostPowerDialog hostIds={open.hostIds} operation={open.operation} onClose={close} />;
    case 'enterMaintenance':
      return <EnterMaintenanceDialog hostId={open.hostId} onClose={close} />;
    case 'exitMaintenance':
      return <ExitMaintenanceDialog hostId={open.hostId} onClose={close} />;
    case 'reconnectAs':
      return <ReconnectAsDialog poolId={open.poolId} onClose={close} />;
    case 'about':
      return <AboutDialog onClose={close} />;
    case 'options':
      return <OptionsDialog onClose={close} />;
    case 'alertSettings':
      return <AlertSettingsDialog objectId={open.objectId} onClose={close} />;
    case 'newVm':
      return <NewVmWizard poolId={open.poolId} templateId={open.templateId} onClose={close} />;
    case 'takeSnapshot':
      return <TakeSnapshotDialog vmId={open.vmId} onClose={close} />;
    case 'revertSnapshot':
      return <RevertSnapshotDialog snapshotId={open.snapshotId} onClose={close} />;
    case 'newVmFromSnapshot':
      return <NewVmFromSnapshotDialog snapshotId={open.snapshotId} asTemplate={open.asTemplate} onClose={close} />;
    case 'snapshotProperties':
      return <SnapshotPropertiesDialog snapshotId={open.snapshotId} onClose={close} />;
    case 'snapshotSchedules':
      return <SnapshotSchedulesDialog poolId={open.poolId} onClose={close} />;
    case 'editSchedule':
      return <ScheduleEditorDialog key={open.vmssId ?? 'new'} poolId={open.poolId} vmssId={open.vmssId} onClose={close} />;
    case 'installUpdate':
      return <InstallUpdateWizard poolId={open.poolId} onClose={close} />;
  }
}
