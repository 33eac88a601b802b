import { useId } from 'react';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { nameOf } from '../../store/mirror-read.js';

/** One network interface of a VM to place: its key in the choices and its label. */
export interface InterfaceRow {
  key: string;
  label: string;
}

/**
 * Each interface of a VM onto one of a pool's networks, as XenCenter's Networking wizard steps show it (the
 * cross-pool Migrate and Import wizards): one labelled list per interface, "(choose a network)" until chosen.
 */
export function InterfaceNetworkList({
  rows,
  networks,
  chosen,
  onChoose,
}: {
  rows: readonly InterfaceRow[];
  networks: readonly XapiRecord<'network'>[];
  chosen: Readonly<Record<string, string | null | undefined>>;
  onChoose: (key: string, networkId: string) => void;
}) {
  const ids = useId();
  return (
    <ul className="row-list">
      {rows.map((row, index) => (
        <li key={row.key} className="field">
          <label htmlFor={`${ids}-${row.key}`}>{row.label}</label>
          <select
            id={`${ids}-${row.key}`}
            value={chosen[row.key] ?? ''}
            data-autofocus={index === 0 ? true : undefined}
            onChange={(event) => onChoose(row.key, event.target.value)}
          >
            {!chosen[row.key] && <option value="">(choose a network)</option>}
            {networks.map((network) => (
              <option key={network.$id} value={network.$id}>
                {nameOf(network)}
              </option>
            ))}
          </select>
        </li>
      ))}
    </ul>
  );
}
