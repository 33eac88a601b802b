import { describe, expect, it } from 'vitest';
import { fieldNameOfColumn, unprotectWhitespace } from '#sim/scenario/db-cells.js';
import { loadDump } from '#sim/scenario/load-dump.js';
import { decodeXmlEntities, readXmlTags } from '#sim/scenario/xml-elements.js';

describe('XML and cell conventions', () => {
  it('reads tags and decodes attribute entities', () => {
    const tags = [...readXmlTags('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2" y=\'&quot;q&quot; &#xAE;&#65;\'><b z="&lt;&gt;"/></a>')];
    expect(tags).toEqual([
      { name: 'a', kind: 'open', attributes: { x: '1 & 2', y: '"q" ®A' } },
      { name: 'b', kind: 'empty', attributes: { z: '<>' } },
      { name: 'a', kind: 'close', attributes: {} },
    ]);
    expect(decodeXmlEntities('&unknown; &amp;')).toBe('&unknown; &');
    expect(() => [...readXmlTags('<a x="1" junk>')]).toThrow();
    expect(() => [...readXmlTags('<a x="1"')]).toThrow();
  });

  it('undoes whitespace protection', () => {
    expect(unprotectWhitespace('a%.b%tc%nd%re%%f%_g')).toBe('a b\tc\nd\re%f g');
    expect(unprotectWhitespace('100%%.')).toBe('100%.');
    expect(unprotectWhitespace('no escapes')).toBe('no escapes');
  });

  it('maps column names to fields', () => {
    expect(fieldNameOfColumn('name__label')).toBe('name_label');
    expect(fieldNameOfColumn('API_version__vendor_implementation')).toBe('API_version_vendor_implementation');
    expect(fieldNameOfColumn('power_state')).toBe('power_state');
    for (const internal of ['ref', '_ref', '__ctime', '__mtime']) expect(fieldNameOfColumn(internal)).toBeNull();
  });
});

const H1 = 'OpaqueRef:00000000-0000-0000-0000-0000000000a1';
const H2 = 'OpaqueRef:00000000-0000-0000-0000-0000000000a2';
const VM1 = 'OpaqueRef:00000000-0000-0000-0000-0000000000b1';
const POOL = 'OpaqueRef:00000000-0000-0000-0000-0000000000c1';
const CON = 'OpaqueRef:00000000-0000-0000-0000-0000000000d1';

/** A two-host dump in the newer writer's style (protected whitespace, single-quoted atoms). */
const TWO_HOSTS = `<?xml version="1.0" encoding="UTF-8"?>
<database>
  <manifest><pair key="schema_major_vsn" value="5"/><pair key="schema_minor_vsn" value="792"/></manifest>
  <table name="host">
    <row ref="${H1}" __ctime="1" __mtime="2" _ref="${H1}" uuid="h1" name__label="member%.one" address="192.0.2.11" metrics="OpaqueRef:NULL"/>
    <row ref="${H2}" uuid="h2" name__label="the%.master" address="192.0.2.12" tags="('a%.b' 'it\\'s')" resident_VMs="('${VM1}')"/>
  </table>
  <table name="pool"><row ref="${POOL}" uuid="p" name__label="" master="${H2}" other_config="(('k' 'v%nw'))"/></table>
  <table name="VM">
    <row ref="${VM1}" uuid="v1" name__label="vm" power_state="Running" resident_on="${H2}" HVM__boot_policy="BIOS%.order"
      memory__dynamic_max="1073741824" allowed_operations="('start' 'no_such_operation')" actions_after_crash="explode"
      current_operations="(('OpaqueRef:dead' 'start'))" is_snapshot_from_vmpp="false" bogus_column="x" affinity="OpaqueRef:gone"/>
  </table>
  <table name="console"><row ref="${CON}" uuid="c" protocol="rfb" VM="${VM1}" location="https://192.0.2.12/console?ref=${VM1}"/></table>
  <table name="session"><row ref="OpaqueRef:s" uuid="s"/></table>
  <table name="VMPP"><row ref="OpaqueRef:p" uuid="pp"/></table>
  <table name="no_such_class"><row ref="OpaqueRef:n" uuid="n"/></table>
  <table name="task"/>
</database>`;

describe('loadDump on a synthetic two-host dump', () => {
  const warnings: string[] = [];
  const seed = loadDump(TWO_HOSTS, { onWarning: (m) => warnings.push(m), baseAddress: '127.0.0.20' });
  const get = (ref: string) => seed.objects.find((o) => o.ref === ref)!;

  it('puts the master first on the loopback range and rewrites addresses', () => {
    expect(seed.masterRef).toBe(H2);
    expect(seed.hostAddresses).toEqual({ [H2]: '127.0.0.20', [H1]: '127.0.0.21' });
    expect(get(H2).fields.address).toBe('127.0.0.20');
    expect((get(H2).fields.other_config as Record<string, string>)['xapi-sim-dump-address']).toBe('192.0.2.12');
    expect(get(CON).fields.location).toBe(`https://127.0.0.20/console?ref=${VM1}`);
  });

  it('decodes protected whitespace and quoted atoms', () => {
    expect(get(H1).fields.name_label).toBe('member one');
    expect(get(H2).fields.tags).toEqual(['a b', "it's"]);
    expect(get(POOL).fields.other_config).toEqual({ k: 'v\nw' });
    expect(get(VM1).fields.HVM_boot_policy).toBe('BIOS order');
  });

  it('keeps only what the current model has', () => {
    const vm = get(VM1).fields;
    expect(vm.memory_dynamic_max).toBe(1073741824);
    expect(vm.allowed_operations).toEqual(['start']);
    expect(vm).not.toHaveProperty('actions_after_crash');
    expect(vm).not.toHaveProperty('is_snapshot_from_vmpp'); // Removed field
    expect(vm).not.toHaveProperty('bogus_column');
    expect(get(H2).fields).not.toHaveProperty('resident_VMs'); // derived by the store
    expect(vm.current_operations).toEqual({}); // stale operations cleared, as xapi does at startup
    expect(vm.affinity).toBe('OpaqueRef:NULL'); // dangling reference cleared
    expect(vm.domain_type).toBe('hvm'); // derived for pre-domain_type databases
    // session, the Removed VMPP class and unknown tables are skipped; host_metrics are recreated.
    expect(seed.objects.map((o) => o.cls).sort()).toEqual(['VM', 'console', 'host', 'host', 'host_metrics', 'host_metrics', 'pool']);
    expect(warnings.some((w) => w.includes('no_such_class'))).toBe(true);
    expect(warnings.some((w) => w.includes('actions_after_crash'))).toBe(true);
  });

  it('recreates host metrics with enough memory for resident VMs', () => {
    const metrics = get(get(H2).fields.metrics as string);
    expect(metrics.cls).toBe('host_metrics');
    expect(metrics.fields.memory_total as number).toBeGreaterThan(1073741824);
  });

  it('rejects what is not a dump', () => {
    expect(() => loadDump('<html></html>')).toThrow(/not a XAPI database dump/);
    expect(() => loadDump('<database></database>')).toThrow(/no hosts/);
  });
});
