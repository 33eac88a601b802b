/**
 * The IP settings form of a server interface as plain data: from a PIF, what is wrong with it, and what the
 * contract takes. Pure, so the rules are tested without a window.
 */
import type { IpSettings } from '../../../shared/api/methods/network.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';

export interface IpForm {
  readonly mode: 'DHCP' | 'Static' | 'None';
  readonly ip: string;
  readonly netmask: string;
  readonly gateway: string;
  /** DNS servers, comma separated as XAPI keeps them. */
  readonly dns: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function ipFormOf(pif: XapiRecord<'PIF'> | undefined): IpForm {
  if (!pif) return { mode: 'DHCP', ip: '', netmask: '', gateway: '', dns: '' };
  return { mode: pif.ip_configuration_mode === 'Static' ? 'Static' : pif.ip_configuration_mode === 'DHCP' ? 'DHCP' : 'None', ip: pif.IP, netmask: pif.netmask, gateway: pif.gateway, dns: pif.DNS };
}

const dnsList = (dns: string): string[] => dns.split(',').map((part) => part.trim()).filter(Boolean);

/** What is wrong with the form, field by field (absent: fine). */
export function ipFormProblems(form: IpForm): Partial<Record<'ip' | 'netmask' | 'gateway' | 'dns', string>> {
  if (form.mode !== 'Static') return {};
  const problems: Partial<Record<'ip' | 'netmask' | 'gateway' | 'dns', string>> = {};
  if (!IPV4.test(form.ip.trim())) problems.ip = 'Enter an IPv4 address';
  if (!IPV4.test(form.netmask.trim())) problems.netmask = 'Enter a netmask such as 255.255.255.0';
  if (form.gateway.trim() !== '' && !IPV4.test(form.gateway.trim())) problems.gateway = 'Enter an IPv4 address, or nothing';
  const dns = dnsList(form.dns);
  if (dns.some((server) => !IPV4.test(server)) || dns.length > 3) problems.dns = 'Up to three IPv4 addresses, separated by commas';
  return problems;
}

/** The settings as the contract takes them (None only where the caller allows it). */
export function ipSettingsOf(form: IpForm): IpSettings | { mode: 'None' } {
  if (form.mode === 'Static') return { mode: 'Static', ip: form.ip.trim(), netmask: form.netmask.trim(), gateway: form.gateway.trim(), dns: dnsList(form.dns) };
  return form.mode === 'DHCP' ? { mode: 'DHCP' } : { mode: 'None' };
}

/** Whether the form says something else than the PIF has now. */
export function ipFormChanged(form: IpForm, pif: XapiRecord<'PIF'> | undefined): boolean {
  const now = ipFormOf(pif);
  if (form.mode !== now.mode) return true;
  if (form.mode !== 'Static') return false;
  return form.ip.trim() !== now.ip || form.netmask.trim() !== now.netmask || form.gateway.trim() !== now.gateway || dnsList(form.dns).join(',') !== dnsList(now.dns).join(',');
}
