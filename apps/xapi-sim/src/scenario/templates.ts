/** VM templates: the default XCP-ng templates, then custom user templates when more are asked for. */
import { OS_CATALOG, type OsInfo } from './os-catalog.js';
import { disksSpec, osAndSizingFields } from './vm-common.js';
import { GiB, type SeedBuilder } from './seed-builder.js';

export interface TemplateHandle {
  ref: string;
  os: OsInfo;
}

/** Adds `count` templates (each with its VM_metrics), default ones first. */
export function addTemplates(b: SeedBuilder, count: number): TemplateHandle[] {
  const out: TemplateHandle[] = [];
  for (let i = 0; i < count; i++) {
    const builtin = i < OS_CATALOG.length;
    const os = OS_CATALOG[i % OS_CATALOG.length]!;
    const name = builtin ? os.template : `${os.template} (custom ${Math.floor(i / OS_CATALOG.length)})`;
    const metrics = b.add('VM_metrics', {
      memory_actual: 0,
      VCPUs_number: 0,
      VCPUs_CPU: {},
      VCPUs_params: {},
      VCPUs_flags: {},
      state: [],
      start_time: new Date(0),
      install_time: new Date(0),
      last_updated: new Date(0),
      current_domain_type: 'unspecified',
    });
    const vcpus = os.family === 'windows' ? 2 : 1;
    const ref = b.add('VM', {
      name_label: name,
      name_description: builtin
        ? `Template that allows VM installation from install media for ${os.template}`
        : `Golden image built from ${os.template}`,
      power_state: 'Halted',
      user_version: 1,
      is_a_template: true,
      is_default_template: builtin,
      is_control_domain: false,
      resident_on: 'OpaqueRef:NULL',
      affinity: 'OpaqueRef:NULL',
      ...osAndSizingFields(os, { memory: os.memoryGiB * GiB, dynamicMin: os.memoryGiB * GiB, vcpus, vcpusMax: vcpus }),
      other_config: {
        ...(builtin ? { default_template: 'true' } : {}),
        ...(os.family === 'linux' ? { linux_template: 'true' } : {}),
        'install-methods': os.family === 'windows' ? 'cdrom' : 'cdrom,nfs,http,ftp',
        disks: disksSpec(os),
        base_template_name: os.template,
      },
      domid: -1,
      domarch: '',
      metrics,
      last_booted_record: '',
    });
    out.push({ ref, os });
  }
  return out;
}
