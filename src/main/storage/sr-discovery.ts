/**
 * sr.probe: what there is at a storage location, asked from one server. XAPI answers discovery with errors: a
 * probe without a target IQN fails with SR_BACKEND_FAILURE_96 whose last parameter is XML listing the portal's
 * targets, one without a SCSI id with SR_BACKEND_FAILURE_107 listing the LUNs, an NFS probe without a path with
 * SR_BACKEND_FAILURE_101 listing the exports — those are read here, never shown raw. A complete location answers
 * the SRs already there: SR.probe_ext where the host has it (structured records), else SR.probe's `<SRlist>`.
 */
import type { Xapi } from 'xen-api';
import type { FoundSr, SrLocation, SrProbeResult } from '../../shared/api/methods/sr.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import { driverConfig, probeConfig } from './device-config.js';
import { parseExports, parseLuns, parseSrList, parseTargets } from './probe-xml.js';

interface XapiFailure {
  code: string;
  params: string[];
}

function asFailure(error: unknown): XapiFailure | undefined {
  const candidate = error as { code?: unknown; params?: unknown };
  if (typeof candidate?.code !== 'string') return undefined;
  return { code: candidate.code, params: Array.isArray(candidate.params) ? candidate.params.map(String) : [] };
}

/** The discovery a driver's error carries, or undefined when it is a real failure. */
function discoveryIn(failure: XapiFailure): SrProbeResult | undefined {
  const details = failure.params[2] ?? '';
  switch (failure.code) {
    case 'SR_BACKEND_FAILURE_96':
      return { kind: 'targets', targets: parseTargets(details) };
    case 'SR_BACKEND_FAILURE_107':
      return { kind: 'luns', luns: parseLuns(details) };
    case 'SR_BACKEND_FAILURE_101':
      return { kind: 'exports', exports: parseExports(details) };
    default:
      return undefined;
  }
}

/**
 * Whether SR.probe should answer instead: probe_ext is newer than some hosts (MESSAGE_METHOD_UNKNOWN), and xapi
 * refuses it for drivers that answer probes with XML (SMAPIv1). A driver's own failure (SR_BACKEND_FAILURE_<n>)
 * would only repeat, slowly, so it is not asked twice.
 */
const tryProbeInstead = (code: string): boolean => !code.startsWith('SR_BACKEND_FAILURE_');

interface ProbeResultRecord {
  sr?: { uuid?: string; name_label?: string; total_space?: number | string } | null;
}

/**
 * Probes `location` from `hostId` through `client`; returns what was found. XAPI errors that are not discovery
 * are thrown as they came (the caller gives them a sentence).
 */
export async function probeLocation(client: Xapi, mirror: ObjectMirror, poolId: string, hostId: string, location: SrLocation): Promise<SrProbeResult> {
  const driver = driverConfig(location);
  const config = probeConfig(driver);
  const inPool = (uuid: string): string | null => {
    for (const sr of mirror.ofType('SR', poolId)) if (sr.uuid === uuid) return sr.$id;
    return null;
  };
  const found = (srs: { uuid: string; name: string | null; size: number | null }[]): SrProbeResult => ({
    kind: 'srs',
    srs: srs.map((sr): FoundSr => ({ ...sr, srId: inPool(sr.uuid) })),
  });
  const discovered = (error: unknown): SrProbeResult => {
    const failure = asFailure(error);
    const result = failure && discoveryIn(failure);
    if (result) return result;
    throw error;
  };
  try {
    const records = await client.call<ProbeResultRecord[]>('SR.probe_ext', hostId, config, driver.type, {});
    return found(
      (records ?? [])
        .filter((record) => typeof record.sr?.uuid === 'string' && record.sr.uuid !== '')
        .map((record) => ({ uuid: record.sr!.uuid!, name: record.sr!.name_label ?? null, size: record.sr!.total_space === undefined ? null : Number(record.sr!.total_space) })),
    );
  } catch (error) {
    const failure = asFailure(error);
    if (!failure || !tryProbeInstead(failure.code)) return discovered(error);
  }
  try {
    const xml = await client.call<string>('SR.probe', hostId, config, driver.type, {});
    return found(parseSrList(String(xml ?? '')).map((sr) => ({ uuid: sr.uuid, name: null, size: sr.size })));
  } catch (error) {
    return discovered(error);
  }
}
