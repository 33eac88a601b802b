import { describe, expect, it } from 'vitest';
import type { XapiRecords } from '../../../shared/xapi/records.gen.js';
import { testRecord } from '../../testing/test-record.js';
import { parseRecommendations, templateLimits } from './template-limits.js';

const GiB = 1024 ** 3;

function template(fields: Partial<XapiRecords['VM']>) {
  return testRecord('VM', 'OpaqueRef:t', { is_a_template: true, ...fields });
}

describe('parseRecommendations', () => {
  it('reads field and property restrictions', () => {
    const xml =
      '<restrictions><restriction field="memory-static-max" max="137438953472" />' +
      '<restriction field="vcpus-max" max="32" /><restriction field="has-vendor-device" value="false" />' +
      '<restriction property="number-of-vifs" max="7" /></restrictions>';
    const found = parseRecommendations(xml);
    expect(found.get('memory-static-max')).toEqual({ min: null, max: 137438953472 });
    expect(found.get('vcpus-max')).toEqual({ min: null, max: 32 });
    expect(found.get('number-of-vifs')).toEqual({ min: null, max: 7 });
    expect(found.get('has-vendor-device')).toEqual({ min: null, max: null });
  });
});

describe('templateLimits', () => {
  it('follows the recommendations when the template has them', () => {
    const limits = templateLimits(
      template({
        VCPUs_max: 1,
        memory_static_min: 512 * 1024 ** 2,
        memory_static_max: 2 * GiB,
        recommendations:
          '<restrictions><restriction field="memory-static-max" max="1649267441664"/><restriction field="vcpus-max" max="32"/>' +
          '<restriction field="memory-static-min" min="1073741824"/><restriction property="number-of-vbds" max="255"/>' +
          '<restriction property="number-of-vifs" max="4"/></restrictions>',
      }),
      64 * GiB,
    );
    expect(limits).toEqual({ maxVcpus: 32, minMemoryBytes: GiB, maxMemoryBytes: 1649267441664, maxDisks: 16, maxVifs: 4 });
  });

  it('falls back to the template fields and the largest server without recommendations', () => {
    const limits = templateLimits(template({ VCPUs_max: 4, memory_static_min: 256 * 1024 ** 2, memory_static_max: GiB }), 64 * GiB);
    expect(limits).toEqual({ maxVcpus: 32, minMemoryBytes: 256 * 1024 ** 2, maxMemoryBytes: 64 * GiB, maxDisks: 16, maxVifs: 7 });
    expect(templateLimits(template({ VCPUs_max: 64, memory_static_max: GiB }), null)).toMatchObject({ maxVcpus: 64, maxMemoryBytes: GiB });
  });

  it('never offers more than vm.create accepts', () => {
    const limits = templateLimits(template({ recommendations: '<restrictions><restriction field="vcpus-max" max="4096"/></restrictions>' }), null);
    expect(limits.maxVcpus).toBe(256);
  });
});
