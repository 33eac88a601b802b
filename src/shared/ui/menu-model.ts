/**
 * The main window's menus as data: one model for the in-page menu bar (serve mode) and Electron's native menu,
 * so both list the same commands, in the same order, with the same labels and shortcuts.
 *
 * Only ids, labels and accelerators live here (the shared layer holds no behaviour): the renderer's commands
 * (src/renderer/commands) decide when an item is enabled and what it does, and may refine a label for the
 * selection ("Suspend" or "Resume").
 */

/** Every command a menu can send. Electron's native menu sends exactly these ids to the renderer. */
export const commandIds = [
  'pool.add',
  'pool.connect',
  'pool.disconnect',
  'pool.reconnectAs',
  'pool.forget',
  'file.import',
  'vm.new',
  'vm.start',
  'vm.startOn',
  'vm.shutdown',
  'vm.reboot',
  'vm.suspendResume',
  'vm.pause',
  'vm.forceShutdown',
  'vm.forceReboot',
  'vm.migrate',
  'vm.clone',
  'vm.copy',
  'vm.convertToTemplate',
  'vm.export',
  'vm.delete',
  'vm.takeSnapshot',
  'snapshot.revert',
  'snapshot.newVm',
  'snapshot.newTemplate',
  'snapshot.export',
  'snapshot.delete',
  'snapshot.properties',
  'pool.snapshotSchedules',
  'object.rename',
  'pool.rename',
  'host.rename',
  'vm.rename',
  'sr.rename',
  'template.rename',
  'template.copy',
  'template.delete',
  'view.defaultTemplates',
  'object.alertSettings',
  'object.properties',
  'host.enterMaintenance',
  'host.reboot',
  'host.shutdown',
  'host.disable',
  'host.enable',
  'sr.new',
  'sr.repair',
  'sr.setDefault',
  'sr.detach',
  'sr.forget',
  'sr.destroy',
  'network.new',
  'nav.back',
  'nav.forward',
  'view.refresh',
  'view.taskPanel',
  'view.alerts',
  'view.theme.light',
  'view.theme.dark',
  'view.theme.system',
  'tasks.clearFinished',
  'tools.installUpdate',
  'tools.options',
  'help.about',
] as const;

export type CommandId = (typeof commandIds)[number];

/** A command's default label and its shortcut (Electron accelerator syntax: `CmdOrCtrl+B`, `F2`, `Alt+Left`). */
export interface CommandText {
  readonly label: string;
  readonly accelerator?: string;
}

/** Labels follow XenCenter's wording; "…" marks a command that asks something before it acts. */
export const commandText: Readonly<Record<CommandId, CommandText>> = {
  'pool.add': { label: 'Add Pool…' },
  'pool.connect': { label: 'Connect' },
  'pool.disconnect': { label: 'Disconnect' },
  'pool.reconnectAs': { label: 'Reconnect As…' },
  'pool.forget': { label: 'Forget Pool…' },
  'file.import': { label: 'Import…' },
  'vm.new': { label: 'New VM…', accelerator: 'CmdOrCtrl+N' },
  'vm.start': { label: 'Start', accelerator: 'CmdOrCtrl+B' },
  'vm.startOn': { label: 'Start on Server…' },
  'vm.shutdown': { label: 'Shut Down', accelerator: 'CmdOrCtrl+E' },
  'vm.reboot': { label: 'Reboot', accelerator: 'CmdOrCtrl+R' },
  'vm.suspendResume': { label: 'Suspend', accelerator: 'CmdOrCtrl+Y' },
  'vm.pause': { label: 'Pause' },
  'vm.forceShutdown': { label: 'Force Shut Down' },
  'vm.forceReboot': { label: 'Force Reboot' },
  'vm.migrate': { label: 'Migrate to Server…' },
  'vm.clone': { label: 'Clone VM…' },
  'vm.copy': { label: 'Copy VM…' },
  'vm.convertToTemplate': { label: 'Convert to Template…' },
  'vm.export': { label: 'Export…' },
  'vm.delete': { label: 'Delete VM…', accelerator: 'Delete' },
  'vm.takeSnapshot': { label: 'Take Snapshot…' },
  'snapshot.revert': { label: 'Revert To…' },
  'snapshot.newVm': { label: 'New VM from Snapshot…' },
  'snapshot.newTemplate': { label: 'New Template from Snapshot…' },
  'snapshot.export': { label: 'Export Snapshot…' },
  'snapshot.delete': { label: 'Delete' },
  'snapshot.properties': { label: 'Properties' },
  'pool.snapshotSchedules': { label: 'VM Snapshot Schedules…' },
  'object.rename': { label: 'Rename…', accelerator: 'F2' },
  'pool.rename': { label: 'Rename…' },
  'host.rename': { label: 'Rename…' },
  'vm.rename': { label: 'Rename…' },
  'sr.rename': { label: 'Rename…' },
  'template.rename': { label: 'Rename…' },
  'template.copy': { label: 'Copy Template…' },
  'template.delete': { label: 'Delete Template…' },
  'view.defaultTemplates': { label: 'Show Default Templates' },
  'object.alertSettings': { label: 'Alert Settings…' },
  'object.properties': { label: 'Properties' },
  'host.enterMaintenance': { label: 'Enter Maintenance Mode…' },
  'host.reboot': { label: 'Reboot Server…' },
  'host.shutdown': { label: 'Shut Down Server…' },
  'host.disable': { label: 'Disable Server' },
  'host.enable': { label: 'Enable Server' },
  'sr.new': { label: 'New SR…' },
  'sr.repair': { label: 'Repair…' },
  'sr.setDefault': { label: 'Set as Default' },
  'sr.detach': { label: 'Detach…' },
  'sr.forget': { label: 'Forget…' },
  'sr.destroy': { label: 'Destroy…' },
  'network.new': { label: 'New Network…' },
  'nav.back': { label: 'Back', accelerator: 'Alt+Left' },
  'nav.forward': { label: 'Forward', accelerator: 'Alt+Right' },
  'view.refresh': { label: 'Refresh', accelerator: 'F5' },
  'view.taskPanel': { label: 'Task Panel' },
  'view.alerts': { label: 'Alerts…' },
  'view.theme.light': { label: 'Light Theme' },
  'view.theme.dark': { label: 'Dark Theme' },
  'view.theme.system': { label: 'System Theme' },
  'tasks.clearFinished': { label: 'Clear Finished Tasks' },
  'tools.installUpdate': { label: 'Install Update…' },
  'tools.options': { label: 'Options…' },
  'help.about': { label: 'About Xenith' },
};

export type MenuEntry = { readonly command: CommandId } | { readonly separator: true };

/** One top-level menu: its title, its access key (Alt+key opens it; underlined in the title) and its entries. */
export interface MenuModel {
  readonly label: string;
  /** One letter of the label, unique among the menus. */
  readonly accessKey: string;
  readonly entries: readonly MenuEntry[];
}

const separator: MenuEntry = { separator: true };
const items = (...ids: CommandId[]): MenuEntry[] => ids.map((command) => ({ command }));

/** XenCenter's menu bar, in its order. */
export const mainMenus: readonly MenuModel[] = [
  { label: 'File', accessKey: 'F', entries: [...items('pool.add'), separator, ...items('file.import'), separator, ...items('view.refresh')] },
  {
    label: 'View',
    accessKey: 'V',
    entries: [
      ...items('nav.back', 'nav.forward'),
      separator,
      ...items('view.taskPanel', 'view.alerts'),
      separator,
      ...items('view.defaultTemplates'),
      separator,
      ...items('view.theme.light', 'view.theme.dark', 'view.theme.system'),
    ],
  },
  {
    label: 'Pool',
    accessKey: 'P',
    entries: [
      ...items('pool.add', 'pool.connect', 'pool.disconnect', 'pool.reconnectAs'),
      separator,
      ...items('sr.new', 'network.new'),
      separator,
      ...items('pool.snapshotSchedules'),
      separator,
      ...items('pool.rename'),
      separator,
      ...items('pool.forget'),
      separator,
      ...items('object.properties'),
    ],
  },
  {
    label: 'Server',
    accessKey: 'S',
    entries: [
      ...items('host.enterMaintenance'),
      separator,
      ...items('host.reboot', 'host.shutdown'),
      separator,
      ...items('host.disable', 'host.enable'),
      separator,
      ...items('host.rename', 'object.alertSettings'),
      separator,
      ...items('object.properties'),
    ],
  },
  {
    label: 'VM',
    accessKey: 'M',
    entries: [
      ...items('vm.new'),
      separator,
      ...items('vm.start', 'vm.startOn', 'vm.shutdown', 'vm.reboot', 'vm.suspendResume', 'vm.pause'),
      separator,
      ...items('vm.forceShutdown', 'vm.forceReboot'),
      separator,
      ...items('vm.migrate', 'vm.clone', 'vm.copy', 'vm.export', 'vm.convertToTemplate'),
      separator,
      ...items('vm.takeSnapshot'),
      separator,
      ...items('vm.rename', 'object.alertSettings', 'vm.delete'),
      separator,
      ...items('object.properties'),
    ],
  },
  {
    label: 'Storage',
    accessKey: 'R',
    entries: [
      ...items('sr.new'),
      separator,
      ...items('sr.repair', 'sr.setDefault'),
      separator,
      ...items('sr.detach', 'sr.forget', 'sr.destroy'),
      separator,
      ...items('sr.rename', 'view.refresh'),
      separator,
      ...items('object.properties'),
    ],
  },
  {
    label: 'Templates',
    accessKey: 'T',
    entries: [...items('vm.new'), separator, ...items('template.copy', 'template.rename', 'template.delete'), separator, ...items('object.properties')],
  },
  { label: 'Tools', accessKey: 'O', entries: [...items('view.alerts', 'tasks.clearFinished'), separator, ...items('tools.installUpdate'), separator, ...items('tools.options')] },
  { label: 'Help', accessKey: 'H', entries: items('help.about') },
];

/**
 * The context menu of a tree selection: every entry that applies to the selection shows (XenCenter lists
 * the same commands as its menus there); separators between groups that show nothing are dropped.
 */
export const contextMenuEntries: readonly MenuEntry[] = [
  ...items('pool.connect', 'pool.disconnect', 'pool.reconnectAs'),
  separator,
  ...items('vm.start', 'vm.startOn', 'vm.shutdown', 'vm.reboot', 'vm.suspendResume', 'vm.pause'),
  separator,
  ...items('vm.forceShutdown', 'vm.forceReboot'),
  separator,
  ...items('host.enterMaintenance', 'host.reboot', 'host.shutdown', 'host.disable', 'host.enable'),
  separator,
  ...items('vm.migrate', 'vm.clone', 'vm.copy', 'vm.export', 'vm.convertToTemplate'),
  separator,
  ...items('vm.takeSnapshot'),
  separator,
  ...items('vm.new'),
  separator,
  ...items('sr.new', 'network.new'),
  separator,
  ...items('sr.repair', 'sr.setDefault', 'sr.detach', 'sr.forget', 'sr.destroy'),
  separator,
  ...items('template.copy'),
  separator,
  ...items('object.rename', 'object.alertSettings', 'vm.delete', 'template.delete', 'pool.forget'),
  separator,
  ...items('object.properties'),
];

/**
 * The context menu of a selection in the Snapshots tab (XenCenter's names): snapshots, or the VM's "Now" node, on
 * which only Take Snapshot… applies.
 */
export const snapshotMenuEntries: readonly MenuEntry[] = [
  ...items('vm.takeSnapshot', 'snapshot.revert'),
  separator,
  ...items('snapshot.newVm', 'snapshot.newTemplate', 'snapshot.export'),
  separator,
  ...items('snapshot.delete'),
  separator,
  ...items('snapshot.properties'),
];

const knownIds: ReadonlySet<string> = new Set(commandIds);

/** Narrows an untrusted value (a message from another process) to a command id. */
export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && knownIds.has(value);
}

/**
 * Drops the separators that would show at the start, the end or twice in a row once hidden entries are gone.
 * Generic so both the renderer (React items) and the Electron template (native items) use it.
 */
export function tidySeparators<T>(entries: readonly T[], isSeparator: (entry: T) => boolean): T[] {
  const tidy: T[] = [];
  for (const entry of entries) {
    if (isSeparator(entry) && (tidy.length === 0 || isSeparator(tidy.at(-1)!))) continue;
    tidy.push(entry);
  }
  while (tidy.length > 0 && isSeparator(tidy.at(-1)!)) tidy.pop();
  return tidy;
}
