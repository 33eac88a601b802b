import { isOfType } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { formatBootOrder, formatBytes } from '../details/format.js';
import { isTemplate } from '../tree/object-kinds.js';
import type { PageId, PropertiesObject } from './draft-common.js';
import { alarmSummary } from './draft-alarms.js';
import { bmcModes } from './draft-host.js';
import { bootOrderOf, bootsLikeHvm } from './draft-vm.js';
import type { PropertiesDraft } from './properties-draft.js';

/** A page in the dialog's list: its title and, under it, what it is set to now (as XenCenter's list shows). */
export interface PageInfo {
  readonly id: PageId;
  readonly title: string;
  readonly summary: string;
}

const powerOnNames = { disabled: 'Disabled', 'wake-on-lan': 'Wake-on-LAN', iLO: 'HP iLO', DRAC: 'Dell DRAC', IPMI: 'IPMI' } as const;

function count(value: number, word: string): string {
  return `${value} ${word}${value === 1 ? '' : 's'}`;
}

/** A VM's memory in a few words: fixed, or its dynamic range. */
function memorySummary(draft: Extract<PropertiesDraft, { class: 'VM' }>): string {
  const { dynamicMin, dynamicMax } = draft.memory;
  return dynamicMin === dynamicMax ? formatBytes(dynamicMax) : `${formatBytes(dynamicMin)} – ${formatBytes(dynamicMax)}`;
}

/** The pages of the object's dialog, in order, each with its summary from the draft being edited. */
export function pagesFor(index: ObjectIndex, object: PropertiesObject, draft: PropertiesDraft): PageInfo[] {
  const fields = Object.values(draft.customFields).filter((value) => value !== '').length;
  const pages: PageInfo[] = [
    { id: 'general', title: 'General', summary: draft.name.trim() || 'No name' },
    { id: 'customFields', title: 'Custom Fields', summary: fields === 0 ? 'None set' : count(fields, 'field') },
  ];
  if (draft.class === 'VM' && isOfType(object, 'VM')) {
    const home = draft.homeServerId ? nameOf(objectOf(index, 'host', draft.homeServerId), 'A server') : 'None';
    pages.push(
      { id: 'cpu', title: 'CPU', summary: count(draft.vcpusAtStartup, 'vCPU') },
      { id: 'memory', title: 'Memory', summary: memorySummary(draft) },
      { id: 'boot', title: 'Boot Options', summary: bootsLikeHvm(object) ? formatBootOrder(bootOrderOf(draft.boot)) || 'No device' : 'Boot parameters' },
    );
    if (!isTemplate(object)) pages.push({ id: 'start', title: 'Start Options', summary: draft.autoPowerOn ? 'Starts with its server' : 'Started by hand' });
    if (!isTemplate(object)) pages.push({ id: 'alerts', title: 'Alerts', summary: alarmSummary('VM', draft.alarms) });
    pages.push({ id: 'homeServer', title: 'Home Server', summary: home });
  }
  if (draft.class === 'host') {
    pages.push(
      { id: 'alerts', title: 'Alerts', summary: alarmSummary('host', draft.alarms) },
      { id: 'logDestination', title: 'Log Destination', summary: draft.remoteLog ? draft.logServer.trim() || 'Remote' : 'Local' },
      { id: 'powerOn', title: 'Power On', summary: powerOnNames[draft.powerOnMode] + (bmcModes.has(draft.powerOnMode) && draft.powerOnAddress ? ` (${draft.powerOnAddress})` : '') },
    );
  }
  if (draft.class === 'pool') {
    const network = draft.migrationNetworkId ? nameOf(objectOf(index, 'network', draft.migrationNetworkId), 'A network') : 'Management network';
    pages.push({ id: 'migrationNetwork', title: 'Migration Network', summary: network });
  }
  return pages;
}
