import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../../e2e/fixtures/serve-process.js';
import { startSimulator, type Simulator } from '../../e2e/fixtures/simulator.js';
import { methodNames, methods } from '../../src/shared/api/contract.js';
import { runXenithCli, startXenithCli, type CliRun } from '../support/cli-process.js';
import { waitUntil } from '../support/wait-until.js';
import { judgeXvaWithTools } from '../support/xva-judge.js';

/**
 * xenith-cli end to end: the built serve mode (`node dist/main/serve.js --json`), the real simulator, and the CLI
 * as a child process, as a person scripting Xenith runs them.
 */
const GiB = 2 ** 30;
let simulator: Simulator;
let serve: ServeProcess;
const env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'xenith-cli-config-')) };
const cli = (...args: string[]) => runXenithCli(args, env);
const json = <T,>(run: CliRun): T => JSON.parse(run.stdout) as T;

interface VmRow {
  $id: string;
  name_label: string;
  power_state: string;
}

// Where serve mode opens its local API socket when Settings' switch is on (it reads XENITH_SOCKET at start).
const socketPath = join(mkdtempSync(join(tmpdir(), 'xenith-cli-sock-')), 'api.sock');

beforeAll(async () => {
  process.env.XENITH_SOCKET = socketPath;
  if (!existsSync(resolve(import.meta.dirname, '../../dist/main/serve.js'))) throw new Error('Build first: node scripts/build.mjs --quiet');
  simulator = await startSimulator(['--hosts', '2', '--vms', '6', '--seed', '1']);
  serve = await startServeProcess();
});
afterAll(async () => {
  delete process.env.XENITH_SOCKET;
  await serve?.stop();
  await simulator?.stop();
});

/** The simulator's real VMs (not templates, snapshots or control domains) in a power state, by name. */
async function simulatedVms(powerState: string): Promise<string[]> {
  const { tables } = await simulator.database();
  return Object.values(tables.VM ?? {})
    .filter((vm) => !vm.is_a_template && !vm.is_a_snapshot && !vm.is_control_domain && vm.power_state === powerState)
    .map((vm) => String(vm.name_label))
    .sort();
}

/** Non-template VMs of a name in the simulator (an import adds one). */
async function simulatedVmsNamed(name: string): Promise<string[]> {
  const { tables } = await simulator.database();
  return Object.entries(tables.VM ?? {}).filter(([, vm]) => !vm.is_a_template && !vm.is_a_snapshot && vm.name_label === name).map(([ref]) => ref);
}

/** A halted VM with a disk, its disks shrunk to 4 MiB so the files stay small. */
async function smallHaltedGuest(): Promise<{ vmRef: string; name: string }> {
  const { tables } = await simulator.database();
  const vbds = Object.values(tables.VBD ?? {});
  const found = Object.entries(tables.VM ?? {}).find(([ref, vm]) => !vm.is_a_template && !vm.is_a_snapshot && !vm.is_control_domain
    && vm.power_state === 'Halted' && vbds.some((vbd) => vbd.VM === ref && vbd.type === 'Disk'));
  if (!found) throw new Error('no halted guest with a disk');
  const [vmRef, vm] = found;
  for (const vbd of vbds.filter((each) => each.VM === vmRef && each.type === 'Disk')) {
    await simulator.control('POST', `/objects/VDI/${String(vbd.VDI)}`, { virtual_size: 4 * 2 ** 20, physical_utilisation: 4 * 2 ** 20 });
  }
  return { vmRef, name: String(vm.name_label) };
}

describe('xenith-cli against serve mode and the simulator', () => {
  it('registers with the start-up token: a named API token is made for this machine and kept privately', async () => {
    const run = await cli('register', serve.url);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^Registered http:\/\/127\.0\.0\.1:\d+ with a new API token "xenith-cli on /);
    const config = join(env.XDG_CONFIG_HOME, 'xenith', 'cli.json');
    expect(statSync(config).mode & 0o777).toBe(0o600);
    // The secret goes to the OS keychain when there is one; only without one does the 0600 file hold it.
    const saved = JSON.parse(readFileSync(config, 'utf8')) as { token: { store: string; secret?: string } };
    if (saved.token.store === 'keychain') expect(readFileSync(config, 'utf8')).not.toContain('xnt_');
    else expect(saved.token.secret).toMatch(/^xnt_/);
    const tokens = json<Array<{ name: string; lastUsedAt: string | null }>>(await cli('token', 'list', '--json'));
    expect(tokens).toEqual([expect.objectContaining({ name: expect.stringMatching(/^xenith-cli on /), lastUsedAt: expect.any(String) })]);
  });

  it('lists every contract method with a JSON Schema that validates what the UI sends', async () => {
    const run = await cli('list-commands', '--json');
    expect(run.code).toBe(0);
    const listed = json<Array<{ name: string; summary: string; input: object }>>(run);
    expect(listed.map((method) => method.name)).toEqual([...methodNames].sort());
    // What list-commands prints is what the server answers to system.methods, for any client to discover.
    expect(json<unknown>(await cli('system.methods', '--json'))).toEqual(listed);
    const ajv = new Ajv2020({ strict: false });
    const validator = (name: string) => ajv.compile(listed.find((method) => method.name === name)!.input);
    // Inputs as the UI and the integration tests send them (test/integration/vm-create.test.ts, e2e dialogs…).
    const samples: Array<[string, unknown]> = [
      ['pool.add', { address: '10.0.0.1:443', user: 'root', password: 'secret', save: true }],
      ['pool.add', { address: 'a; b', user: 'root', password: '', fingerprint: 'AB:'.repeat(31) + 'CD' }],
      ['vm.power', { vmIds: ['OpaqueRef:a', 'OpaqueRef:b'], operation: 'clean_shutdown' }],
      ['vm.create', {
        poolId: 'p1', templateId: 'OpaqueRef:t', name: 'wizard-made', description: 'made by the wizard', isoVdiId: null, homeHostId: 'OpaqueRef:h',
        vcpus: 3, memory: { staticMax: 3 * GiB, dynamicMin: 2 * GiB, dynamicMax: 3 * GiB },
        disks: [{ userdevice: '0', sizeBytes: 10 * GiB, srId: 'OpaqueRef:s' }, { userdevice: '1', sizeBytes: GiB, srId: 'OpaqueRef:s', name: 'data' }],
        networks: [{ device: '0', networkId: 'OpaqueRef:n' }], start: true,
      }],
      ['vm.copy', { vmId: 'OpaqueRef:v', name: 'copy of web', srId: null }],
      ['objects.edit', { objectId: 'OpaqueRef:v', name: 'web-02', tags: ['prod'] }],
      ['settings.set', { theme: 'dark' }],
      ['vmss.create', { poolId: 'p1', name: 'nightly', type: 'snapshot', timing: { frequency: 'weekly', hour: 2, minute: 30, days: ['Monday'] }, retention: 7, vmIds: [] }],
      ['vm.copyToPool', { vmId: 'OpaqueRef:v', targetPoolId: 'p2', srId: 'OpaqueRef:s', networkMap: { 'OpaqueRef:vif': 'OpaqueRef:n' }, compression: 'zstd' }],
      ['stats.query', { objectIds: ['OpaqueRef:h'], resolution: '1m', from: 1_796_400_000, watchId: 'w1' }],
      ['trust.decide', { requestId: 'r1', accept: true }],
      ['token.create', { name: 'backup script' }],
    ];
    for (const [name, input] of samples) {
      expect(methods[name as keyof typeof methods].input.safeParse(input).success, `${name} sample is what the server takes`).toBe(true);
      const validate = validator(name);
      expect(validate(input), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // The schemas are exact: enums, bounds and unknown keys are refused as the server refuses them.
    expect(validator('vm.power')({ vmIds: ['a'], operation: 'begin' })).toBe(false);
    expect(validator('vm.power')({ vmIds: [], operation: 'start' })).toBe(false);
    expect(validator('vm.create')({ ...(samples[3]![1] as object), vcpus: 0 })).toBe(false);
    expect(validator('objects.edit')({ objectId: 'x', colour: 'red' })).toBe(false);
  });

  it('refuses a bad parameter with the schema\'s message and exit 2, without connecting', async () => {
    // Nothing listens on port 1: a CLI that tried to call would fail to connect (exit 1), not exit 2.
    const offline = { ...env, XENITH_URL: 'http://127.0.0.1:1', XENITH_TOKEN: 'xnt_unused' };
    const bad = await runXenithCli(['vm.power', 'vmIds=OpaqueRef:x', 'operation=begin'], offline);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid input for vm.power: operation: Invalid option: expected one of "start"|"clean_shutdown"');
    expect((await runXenithCli(['vm.power', 'operation=start'], offline)).stderr).toContain('vmIds: Invalid input: expected array, received undefined');
    expect((await runXenithCli(['vm.power', 'vmIds=a', 'operation=start', 'force=true'], offline)).stderr).toContain('Unrecognized key: "force"');
    expect((await runXenithCli(['vm.power', 'vmIds=a', 'operation=start'], offline))).toMatchObject({ code: 1, stderr: expect.stringMatching(/^UNREACHABLE: /) });
  });

  it('pool.add refuses an unconfirmed certificate printing its fingerprint, and pins the one given', async () => {
    const address = simulator.masterAddress;
    const { user, password } = simulator.credentials;
    const unconfirmed = await cli('pool.add', `address=${address}`, `user=${user}`, `password=${password}`);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain(`run again with fingerprint=${simulator.master.fingerprint}`);
    expect(unconfirmed.stderr).toMatch(/^CERTIFICATE_REJECTED: /m);
    const wrong = await cli('pool.add', `address=${address}`, `user=${user}`, `password=${password}`, `fingerprint=${'00:'.repeat(31)}00`);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining(`CERTIFICATE_FINGERPRINT_MISMATCH: The certificate of ${address} has the SHA-256 fingerprint ${simulator.master.fingerprint}`) });
    expect(json<unknown[]>(await cli('pool.list', '--json'))).toEqual([]);
    const added = await cli('pool.add', `address=${address}`, `user=${user}`, `password=${password}`, `fingerprint=${simulator.master.fingerprint.toLowerCase()}`, '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(json<{ state: string }>(added).state).toBe('connected');
  });

  it('list-objects type=VM power_state=Halted lists the halted VMs', async () => {
    const run = await cli('list-objects', 'type=VM', 'power_state=Halted', '--json');
    expect(run.code, run.stderr).toBe(0);
    const listed = json<VmRow[]>(run);
    expect(listed.map((vm) => vm.name_label).sort()).toEqual(await simulatedVms('Halted'));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((vm) => vm.power_state === 'Halted')).toBe(true);
  });

  it('vm.power … --wait exits 0 when the VM runs, and with XAPI\'s code when the pool refuses', async () => {
    const [halted] = json<VmRow[]>(await cli('list-objects', 'type=VM', 'power_state=Halted', '--json', '--fields', '$id,name_label,power_state'));
    const started = await cli('vm.power', `vmIds=${halted!.$id}`, 'operation=start', '--wait');
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain(`succeeded  Starting VM '${halted!.name_label}'`);
    expect(await simulatedVms('Running')).toContain(halted!.name_label);

    expect((await cli('vm.power', `vmIds=${halted!.$id}`, 'operation=hard_shutdown', '--wait')).code).toBe(0);
    await simulator.control('POST', '/faults/fail-next', { method: 'VM.start', code: 'VM_REQUIRES_SR', params: ['OpaqueRef:vm', 'OpaqueRef:sr'] });
    const refused = await cli('vm.power', `vmIds=${halted!.$id}`, 'operation=start', '--wait');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^VM_REQUIRES_SR: /m);
    expect(await simulatedVms('Halted')).toContain(halted!.name_label);
  });

  it('@=file exports a VM to an XVA and imports it back; a cut export leaves no file; a method without a file refuses @=', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xenith-cli-files-'));
    try {
      const { vmRef, name } = await smallHaltedGuest();
      const file = join(dir, 'guest.xva');
      const exported = await cli('vm.exportFile', `vmId=${vmRef}`, 'compression=zstd', `@=${file}`);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/^succeeded {2}Export/m);
      expect(exported.stdout).toContain(`Saved ${file} (`);
      // Only the file, under its own name: the partial file beside it was renamed, not left.
      expect(readdirSync(dir)).toEqual(['guest.xva']);
      expect(await judgeXvaWithTools(file, 'zstd')).toBeGreaterThan(0);

      const inspected = json<{ format: string; compression: string; name: string }>(await cli('file.inspect', `@=${file}`, '--json'));
      expect(inspected).toMatchObject({ format: 'xva', compression: 'zstd', name });

      const [pool] = json<Array<{ poolId: string }>>(await cli('pool.list', '--json'));
      const { tables } = await simulator.database();
      const srId = String(Object.values(tables.pool!)[0]!.default_SR);
      const copiesBefore = (await simulatedVmsNamed(name)).length;
      const imported = await cli('vm.importFile', `poolId=${pool!.poolId}`, `srId=${srId}`, `@=${file}`, '--json');
      expect(imported.code, imported.stderr).toBe(0);
      const report = json<{ file: { direction: string; bytes: number }; jobs: Array<{ state: string }> }>(imported);
      expect(report.file).toMatchObject({ direction: 'sent', bytes: statSync(file).size });
      expect(report.jobs.map((job) => job.state)).toEqual(['succeeded']);
      expect((await simulatedVmsNamed(name)).length).toBe(copiesBefore + 1);

      // The pool resets the export after 1 MiB: the CLI fails with the job's code and leaves no file at all.
      await simulator.control('POST', '/faults/cut-transfer', { afterBytes: 1024 * 1024, path: '/export' });
      const cut = await cli('vm.exportFile', `vmId=${vmRef}`, 'compression=none', `@=${join(dir, 'cut.xva')}`);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toMatch(/^(EXPORT_INCOMPLETE|CLIENT_ERROR): /m);
      expect(readdirSync(dir)).toEqual(['guest.xva']);

      const misuse = await cli('vm.power', `vmIds=${vmRef}`, 'operation=start', `@=${file}`);
      expect(misuse.code).toBe(2);
      expect(misuse.stderr).toContain('vm.power moves no file, so it takes no @=file. The methods that do: ');
      expect(misuse.stderr).toContain('vm.exportFile');
      const missing = await cli('vm.importFile', `poolId=${pool!.poolId}`, `srId=${srId}`, `@=${join(dir, 'absent.xva')}`);
      expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('There is no file') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('watch --ndjson prints the jobs and object changes a start makes, and stops on Ctrl-C', async () => {
    const watching = startXenithCli(['watch', '--ndjson'], env);
    await waitUntil(() => watching.output.stderr.includes('Watching'), 'watch to start');
    const [halted] = json<VmRow[]>(await cli('list-objects', 'type=VM', 'power_state=Halted', '--json'));
    expect((await cli('vm.power', `vmIds=${halted!.$id}`, 'operation=start', '--wait')).code).toBe(0);
    const lines = () => watching.output.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { event: string; payload: Record<string, unknown> });
    await waitUntil(() => lines().some((line) => line.event === 'objects.delta' && JSON.stringify(line.payload).includes('"power_state":"Running"')), 'the VM running in the deltas');
    expect(lines().some((line) => line.event === 'jobs.changed' && (line.payload.job as { state: string }).state === 'succeeded')).toBe(true);
    watching.signal('SIGINT');
    expect((await watching.done).code).toBe(0);
  });

  it('refuses a revoked token', async () => {
    const created = json<{ secret: string; token: { tokenId: string } }>(await cli('token', 'create', 'ci-job', '--json'));
    const asScript = { ...env, XENITH_URL: serve.origin, XENITH_TOKEN: created.secret };
    expect((await runXenithCli(['app.version', '--json'], asScript)).code).toBe(0);
    expect((await cli('token', 'revoke', 'ci-job')).code).toBe(0);
    const refused = await runXenithCli(['app.version'], asScript);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^UNAUTHORIZED: .*refused the token/);
  });

  it('reaches the local socket with no token once Settings turns it on', async () => {
    expect(existsSync(socketPath)).toBe(false);
    expect((await cli('settings.set', 'localSocket=true')).code).toBe(0);
    await waitUntil(() => existsSync(socketPath), 'the local API socket');
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    const local = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'xenith-cli-local-')) };
    const registered = await runXenithCli(['register', `--socket=${socketPath}`], local);
    expect(registered, registered.stderr).toMatchObject({ code: 0 });
    expect(registered.stdout).toContain('no token is needed there');
    expect(json<Array<{ state: string }>>(await runXenithCli(['pool.list', '--json'], local))).toEqual([expect.objectContaining({ state: 'connected' })]);
    // The socket serves the file links too: an export over it needs no token either.
    const { vmRef } = await smallHaltedGuest();
    const file = join(mkdtempSync(join(tmpdir(), 'xenith-cli-local-files-')), 'over-socket.xva');
    const exported = await runXenithCli(['vm.exportFile', `vmId=${vmRef}`, 'compression=none', `@=${file}`], local);
    expect(exported, exported.stderr).toMatchObject({ code: 0 });
    expect(await judgeXvaWithTools(file, 'none')).toBeGreaterThan(0);
    rmSync(file);
    expect((await cli('settings.set', 'localSocket=false')).code).toBe(0);
    await waitUntil(() => !existsSync(socketPath), 'the local API socket to close');
  });

  it('registers an HTTPS serve mode by the fingerprint it printed, and talks to it over the pinned certificate', async () => {
    const secure = await startServeProcess(['--tls']);
    try {
      expect(secure.url).toMatch(/^https:/);
      const elsewhere = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'xenith-cli-tls-')) };
      const unconfirmed = await runXenithCli(['register', secure.url], elsewhere);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.stderr).toContain(`--fingerprint ${secure.fingerprint}`);
      const wrong = await runXenithCli(['register', secure.url, '--fingerprint', `${'00:'.repeat(31)}00`], elsewhere);
      expect(wrong).toMatchObject({ code: 1, stderr: expect.stringMatching(/^CERTIFICATE_FINGERPRINT_MISMATCH: /) });
      const registered = await runXenithCli(['register', secure.url, '--fingerprint', secure.fingerprint!], elsewhere);
      expect(registered, registered.stderr).toMatchObject({ code: 0 });
      expect(json<{ mode: string }>(await runXenithCli(['app.version', '--json'], elsewhere)).mode).toBe('serve');
    } finally {
      await secure.stop();
    }
  });

  it('unregister revokes this machine\'s token and forgets the server', async () => {
    expect((await cli('unregister')).code).toBe(0);
    const after = await cli('pool.list');
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('does not know which Xenith to talk to');
  });
});
