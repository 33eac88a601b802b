/**
 * OVAs made with real tools, not by the code under test: disks written by qemu-img (streamOptimized and
 * monolithicSparse VMDK, dynamic VHD), a hand-written OVF and a manifest by sha256sum, packed by GNU tar. Imported
 * through a real Xenith server into a simulated pool, the VM has the OVF's CPUs, memory and networks, and each
 * disk holds exactly the bytes `qemu-img convert -O raw` reads from its source. The same package as a folder (the
 * desktop opens its .ovf) imports the same way; a disk that does not match the manifest fails and leaves nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventory, rowsOf, startTwoPoolRig, vdiDigest, type TwoPoolRig } from './support/two-pool-rig.js';

const MiB = 1024 * 1024;

/** The disks of the package: file, how qemu-img writes it, and the OVF's format URI. */
const disks = [
  { file: 'disk1.vmdk', args: ['-O', 'vmdk', '-o', 'subformat=streamOptimized'], format: 'http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized', bytes: 6 * MiB },
  { file: 'disk2.vmdk', args: ['-O', 'vmdk', '-o', 'subformat=monolithicSparse'], format: 'http://www.vmware.com/interfaces/specifications/vmdk.html#sparse', bytes: 3 * MiB },
  { file: 'disk3.vhd', args: ['-O', 'vpc'], format: 'http://technet.microsoft.com/en-us/virtualserver/bb676673.aspx', bytes: 5 * MiB },
] as const;

function ovfDescriptor(): string {
  const files = disks.map((disk, index) => `    <File ovf:href="${disk.file}" ovf:id="file${index + 1}"/>`).join('\n');
  const diskElements = disks.map((disk, index) => `    <Disk ovf:capacity="${disk.bytes}" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk${index + 1}" ovf:fileRef="file${index + 1}" ovf:format="${disk.format}"/>`).join('\n');
  const diskItems = disks.map((_, index) => `      <Item>
        <rasd:AddressOnParent>${index}</rasd:AddressOnParent>
        <rasd:ElementName>Hard disk ${index + 1}</rasd:ElementName>
        <rasd:HostResource>ovf:/disk/vmdisk${index + 1}</rasd:HostResource>
        <rasd:InstanceID>${10 + index}</rasd:InstanceID>
        <rasd:ResourceType>17</rasd:ResourceType>
      </Item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope vmw:buildId="build-1" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf">
  <References>
${files}
  </References>
  <DiskSection>
    <Info>Virtual disk information</Info>
${diskElements}
  </DiskSection>
  <NetworkSection>
    <Info>The list of logical networks</Info>
    <Network ovf:name="Front">
      <Description>The front network</Description>
    </Network>
    <Network ovf:name="Back">
      <Description>The back network</Description>
    </Network>
  </NetworkSection>
  <VirtualSystem ovf:id="appliance-01">
    <Info>A virtual machine</Info>
    <Name>appliance-01</Name>
    <VirtualHardwareSection>
      <Info>Virtual hardware requirements</Info>
      <Item>
        <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
        <rasd:ElementName>3 virtual CPU(s)</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>3</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
        <rasd:ElementName>1536MB of memory</rasd:ElementName>
        <rasd:InstanceID>2</rasd:InstanceID>
        <rasd:ResourceType>4</rasd:ResourceType>
        <rasd:VirtualQuantity>1536</rasd:VirtualQuantity>
      </Item>
      <Item>
        <rasd:AddressOnParent>7</rasd:AddressOnParent>
        <rasd:Connection>Front</rasd:Connection>
        <rasd:ElementName>Network adapter 1</rasd:ElementName>
        <rasd:InstanceID>3</rasd:InstanceID>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
      <Item>
        <rasd:AddressOnParent>8</rasd:AddressOnParent>
        <rasd:Connection>Back</rasd:Connection>
        <rasd:ElementName>Network adapter 2</rasd:ElementName>
        <rasd:InstanceID>4</rasd:InstanceID>
        <rasd:ResourceType>10</rasd:ResourceType>
      </Item>
${diskItems}
    </VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
`;
}

/** A source disk of `bytes` with data here and there and holes between (what qemu-img then packs). */
function sourceDisk(bytes: number, seed: number): Buffer {
  const disk = Buffer.alloc(bytes);
  for (let at = 0; at < bytes; at += 700 * 1024) {
    for (let index = 0; index < 90_000 && at + index < bytes; index++) disk[at + index] = (index * 7 + seed * 13) % 251 || 1;
  }
  return disk;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('an OVA made by qemu-img and GNU tar', () => {
  let rig: TwoPoolRig;
  let dir: string;
  /** Each disk's bytes as qemu-img reads them back (the reference), by position. */
  const expected: string[] = [];
  let networks: { front: string; back: string };
  let sr: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xenith-ova-'));
    for (const [index, disk] of disks.entries()) {
      await writeFile(join(dir, `source${index}.raw`), sourceDisk(disk.bytes, index));
      execFileSync('qemu-img', ['convert', '-f', 'raw', ...disk.args, join(dir, `source${index}.raw`), join(dir, disk.file)]);
      const format = disk.file.endsWith('.vhd') ? 'vpc' : 'vmdk';
      execFileSync('qemu-img', ['convert', '-f', format, '-O', 'raw', join(dir, disk.file), join(dir, `check${index}.raw`)]);
      expected.push(sha256(await readFile(join(dir, `check${index}.raw`))));
    }
    await writeFile(join(dir, 'appliance.ovf'), ovfDescriptor());
    const names = ['appliance.ovf', ...disks.map((disk) => disk.file)];
    const sums = execFileSync('sha256sum', names, { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    await writeFile(join(dir, 'appliance.mf'), `${sums.map((line) => { const [hash, file] = line.split(/\s+\*?/); return `SHA256(${file})= ${hash}`; }).join('\n')}\n`);
    execFileSync('tar', ['-cf', 'appliance.ova', 'appliance.ovf', 'appliance.mf', ...disks.map((disk) => disk.file)], { cwd: dir });
    rig = await startTwoPoolRig();
    const dump = await rig.target.db();
    sr = String(rowsOf(dump, 'pool')[0]![1].default_SR);
    const [first, second] = rowsOf(dump, 'network').map(([ref]) => ref);
    networks = { front: first!, back: second ?? first! };
  });
  afterAll(async () => {
    await rig?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The imported VM as the pool has it: CPUs, memory, each disk's digest by position, each interface's network. */
  async function described(vmRef: string) {
    const dump = await rig.target.db();
    const vm = dump.tables.VM![vmRef]!;
    const vbds = rowsOf(dump, 'VBD').filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk').sort(([, a], [, b]) => Number(a.userdevice) - Number(b.userdevice));
    const digests: string[] = [];
    for (const [, vbd] of vbds) digests.push(await vdiDigest(rig.target, String(vbd.VDI)));
    const vifs = Object.fromEntries(rowsOf(dump, 'VIF').filter(([, vif]) => vif.VM === vmRef).map(([, vif]) => [String(vif.device), String(vif.network)]));
    return { vm, digests, vifs, labels: vbds.map(([, vbd]) => String(dump.tables.VDI![String(vbd.VDI)]!.name_label)) };
  }

  it('file.inspect reads the VM, disks and networks from the OVA\'s first bytes', async () => {
    const handle = rig.xenith.server.issueFileHandle({ path: join(dir, 'appliance.ova'), mode: 'open' });
    const description = await rig.xenith.call<{ format: string; name: string; vm: { vcpus: number; memoryBytes: number }; disks: unknown[]; nics: { networkName: string }[] }>('file.inspect', { source: { kind: 'handle', handle } });
    expect(description.format).toBe('ova');
    expect(description.name).toBe('appliance-01');
    expect(description.vm).toEqual({ vcpus: 3, memoryBytes: 1536 * MiB, firmware: 'bios' });
    expect(description.disks).toHaveLength(3);
    expect(description.nics.map((nic) => nic.networkName)).toEqual(['Front', 'Back']);
  });

  it('imports with the OVF\'s CPUs, memory and networks, each disk equal to qemu-img\'s reading of its source', async () => {
    const before = await inventory(rig.target);
    const handle = rig.xenith.server.issueFileHandle({ path: join(dir, 'appliance.ova'), mode: 'open' });
    const job = await rig.runJob('vm.importFile', { poolId: rig.target.poolId, srId: sr, networkMap: { '0': networks.front, '1': networks.back }, source: { kind: 'handle', handle } });
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    const { vm, digests, vifs, labels } = await described(job.resultObjectId!);
    expect(vm.name_label).toBe('appliance-01');
    expect(Number(vm.VCPUs_max)).toBe(3);
    expect(Number(vm.VCPUs_at_startup)).toBe(3);
    expect(Number(vm.memory_static_max)).toBe(1536 * MiB);
    expect(vm.blocked_operations).toEqual({});
    expect(vifs).toEqual({ '0': networks.front, '1': networks.back });
    expect(digests).toEqual(expected);
    expect(labels).toEqual(['Hard disk 1', 'Hard disk 2', 'Hard disk 3']);
    const after = await inventory(rig.target);
    expect(after.marked).toEqual([]);
    expect(after.counts.VDI).toBe(before.counts.VDI! + disks.length);
  });

  it('imports the same package from its folder (the .ovf opened, its disks beside it)', async () => {
    const handle = rig.xenith.server.issueFileHandle({ path: join(dir, 'appliance.ovf'), mode: 'open' });
    const job = await rig.runJob('vm.importFile', { poolId: rig.target.poolId, srId: sr, source: { kind: 'handle', handle } });
    expect(job.error).toBeNull();
    const { vm, digests } = await described(job.resultObjectId!);
    expect(Number(vm.memory_static_max)).toBe(1536 * MiB);
    expect(digests).toEqual(expected);
  });

  it('file.inspect reads a disk image\'s size from its header alone', async () => {
    const handle = rig.xenith.server.issueFileHandle({ path: join(dir, 'disk2.vmdk'), mode: 'open' });
    const description = await rig.xenith.call<{ format: string; disks: { capacityBytes: number; format: string }[] }>('file.inspect', { source: { kind: 'handle', handle } });
    expect(description.format).toBe('disk');
    expect(description.disks).toEqual([expect.objectContaining({ capacityBytes: disks[1].bytes, format: 'vmdk' })]);
  });

  it('imports one of its disks alone as a new VDI (disk.importFile)', async () => {
    const handle = rig.xenith.server.issueFileHandle({ path: join(dir, 'disk3.vhd'), mode: 'open' });
    const job = await rig.runJob('disk.importFile', { srId: sr, source: { kind: 'handle', handle }, name: 'data disk' });
    expect(job.error).toBeNull();
    const vdi = job.resultObjectId!;
    expect((await rig.target.db()).tables.VDI![vdi]!.name_label).toBe('data disk');
    expect(await vdiDigest(rig.target, vdi)).toBe(expected[2]);
  });

  it('fails on a disk that does not match the manifest, and leaves nothing on the pool', async () => {
    const bytes = await readFile(join(dir, 'disk2.vmdk'));
    // Past the grain tables: a byte of grain data changes, the tables do not.
    bytes[bytes.length - 3000] = bytes[bytes.length - 3000]! ^ 0x77;
    const damaged = join(dir, 'damaged');
    execFileSync('mkdir', ['-p', damaged]);
    for (const name of ['appliance.ovf', 'appliance.mf', 'disk1.vmdk', 'disk3.vhd']) execFileSync('cp', [join(dir, name), damaged]);
    await writeFile(join(damaged, 'disk2.vmdk'), bytes);
    execFileSync('tar', ['-cf', 'appliance.ova', 'appliance.ovf', 'appliance.mf', ...disks.map((disk) => disk.file)], { cwd: damaged });
    const before = await inventory(rig.target);
    const handle = rig.xenith.server.issueFileHandle({ path: join(damaged, 'appliance.ova'), mode: 'open' });
    const job = await rig.runJob('vm.importFile', { poolId: rig.target.poolId, srId: sr, source: { kind: 'handle', handle } });
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('FILE_DAMAGED');
    expect(job.error?.params?.[0]).toBe('disk2.vmdk');
    expect(await inventory(rig.target)).toEqual(before);
  });
});
