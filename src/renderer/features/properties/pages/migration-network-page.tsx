import { nameOf, objectsOfType } from '../../../store/mirror-read.js';
import { isHiddenObject } from '../../tree/object-kinds.js';
import { byName } from '../../tree/name-order.js';
import type { PoolDraft } from '../draft-host.js';
import { PageField } from '../page-field.js';
import type { PageProps } from '../page-props.js';

/** Migration Network: the network VMs migrate over inside the pool (kept where Xen Orchestra keeps it). */
export function MigrationNetworkPage({ draft, update, index, object, saving }: PageProps<PoolDraft>) {
  const networks = objectsOfType(index, 'network', object.$pool)
    .filter((network) => network.PIFs.length > 0 && !isHiddenObject(network))
    .sort(byName);
  return (
    <PageField label="Network" note="Live migrations within the pool use this network; the management network when none is chosen.">
      {(ids) => (
        <select id={ids.id} value={draft.migrationNetworkId ?? ''} disabled={saving} aria-describedby={ids.describedBy} onChange={(event) => update({ migrationNetworkId: event.target.value || null })}>
          <option value="">Management network (default)</option>
          {networks.map((network) => (
            <option key={network.$id} value={network.$id}>
              {nameOf(network, network.$id)}
            </option>
          ))}
        </select>
      )}
    </PageField>
  );
}
