import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { elementAttributes } from '../../../shared/util/xml-attributes.js';

/** What the CPU & Memory, Storage and Networking steps allow for one template. */
export interface TemplateLimits {
  readonly maxVcpus: number;
  /** Lowest memory (static min: the floor of dynamic min and of the memory size). */
  readonly minMemoryBytes: number;
  readonly maxMemoryBytes: number;
  readonly maxDisks: number;
  readonly maxVifs: number;
}

/** The contract's own ceilings (vm.create input): the wizard never offers more. */
const contractMaxVcpus = 256;
const contractMaxDisks = 16;
const contractMaxVifs = 7;
/** XenCenter's vCPU ceiling for a template that recommends none. */
const fallbackMaxVcpus = 32;

function positiveNumber(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : null;
}

/** The `recommendations` XML as `field or property → {min?, max?}`. */
export function parseRecommendations(xml: unknown): Map<string, { min: number | null; max: number | null }> {
  const found = new Map<string, { min: number | null; max: number | null }>();
  if (typeof xml !== 'string') return found;
  for (const attributes of elementAttributes(xml, 'restriction')) {
    const name = attributes.field ?? attributes.property;
    if (!name) continue;
    found.set(name, { min: positiveNumber(attributes.min), max: positiveNumber(attributes.max) });
  }
  return found;
}

/**
 * The template's limits, as XenCenter reads them: its recommendations (vcpus-max, memory-static-max/min,
 * number-of-vbds, number-of-vifs) when present, else its own VCPUs_max and memory_static_min, and the largest
 * server's memory (a VM bigger than every server could never start).
 */
export function templateLimits(template: XapiRecord<'VM'>, largestHostMemoryBytes: number | null): TemplateLimits {
  const recommended = parseRecommendations(template.recommendations);
  const templateVcpusMax = positiveNumber(template.VCPUs_max) ?? 1;
  const templateStaticMin = positiveNumber(template.memory_static_min) ?? 0;
  const templateStaticMax = positiveNumber(template.memory_static_max) ?? templateStaticMin;
  const maxVcpus = recommended.get('vcpus-max')?.max ?? Math.max(templateVcpusMax, fallbackMaxVcpus);
  const minMemoryBytes = Math.max(templateStaticMin, recommended.get('memory-static-min')?.min ?? 0);
  const maxMemoryBytes = recommended.get('memory-static-max')?.max ?? largestHostMemoryBytes ?? templateStaticMax;
  return {
    maxVcpus: Math.min(Math.floor(maxVcpus), contractMaxVcpus),
    minMemoryBytes,
    maxMemoryBytes: Math.max(maxMemoryBytes, minMemoryBytes),
    maxDisks: Math.min(recommended.get('number-of-vbds')?.max ?? contractMaxDisks, contractMaxDisks),
    maxVifs: Math.min(recommended.get('number-of-vifs')?.max ?? contractMaxVifs, contractMaxVifs),
  };
}
