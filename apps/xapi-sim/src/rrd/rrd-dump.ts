/**
 * The full RRD of a host or VM as `rrdtool dump` XML (what /host_rrd and /vm_rrd return): ds headers with the
 * last value, and every archive (AVERAGE, MIN, MAX at each of the four steps) with its rows, oldest first.
 */
import type { MetricOwner } from './data-sources.js';
import { rowValue } from './data-sources.js';
import { BASE_STEP_S, RRAS } from './rra-layout.js';
import { formatRrdValue } from './value-format.js';

const CFS = ['AVERAGE', 'MIN', 'MAX'] as const;

export function rrdDumpXml(owner: MetricOwner, now = Date.now() / 1000): string {
  const last = Math.floor(now / BASE_STEP_S) * BASE_STEP_S;
  const f = formatRrdValue;
  const out: string[] = [`<rrd><version>0003</version><step>${BASE_STEP_S}</step><lastupdate>${last}</lastupdate>`];
  for (const ds of owner.sources) {
    const v = rowValue(owner, ds, last, BASE_STEP_S, 'LAST');
    out.push(`<ds><name>${ds.name}</name><type>${ds.type}</type><minimal_heartbeat>300.0000</minimal_heartbeat><min>${f(ds.min)}</min><max>${f(ds.max)}</max><last_ds>${f(v)}</last_ds><value>${f(v)}</value><unknown_sec>0</unknown_sec></ds>`);
  }
  for (const rra of RRAS) {
    for (const cf of CFS) {
      const end = Math.floor(now / rra.step) * rra.step;
      const prep = owner.sources.map(() => '<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>0.0</value><unknown_datapoints>0</unknown_datapoints></ds>').join('');
      out.push(`<rra><cf>${cf}</cf><pdp_per_row>${rra.step / BASE_STEP_S}</pdp_per_row><params><xff>0.5</xff></params><cdp_prep>${prep}</cdp_prep><database>`);
      for (let i = rra.rows - 1; i >= 0; i--) {
        const t = end - i * rra.step;
        out.push(`<row>${owner.sources.map((ds) => `<v>${f(rowValue(owner, ds, t, rra.step, cf))}</v>`).join('')}</row>`);
      }
      out.push('</database></rra>');
    }
  }
  out.push('</rrd>');
  return out.join('');
}
