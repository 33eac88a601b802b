/**
 * A running pool: one engine, one HTTP(S) server per host on its own loopback address (all on the same port, so
 * that clients following HOST_IS_SLAVE to the master's address reach it), host kill/restart and master changes.
 */
import { publishHostCertificates } from './host-certificates.js';
import { Engine, type BehaviourModule } from '../api/engine.js';
import { setHostRebinder } from '../behaviour/host-address.js';
import { designateNewMaster } from '../behaviour/pool-master.js';
import type { PoolSeed } from '../scenario/types.js';
import { HostServer, type ExtraHandler } from '../server/host-server.js';
import { setHostEndpoint } from '../server/host-endpoint.js';
import { loadOrCreateCertificate } from '../server/self-signed-cert.js';

export interface PoolRuntimeOptions {
  seed: PoolSeed;
  users: Record<string, string>;
  timeScale: number;
  /** Keeps certificates (stable fingerprints) here. */
  stateDir?: string;
  /** Port every host listens on; 0 or absent picks a free one shared by all hosts. */
  port?: number;
  /** Plain HTTP instead of HTTPS. */
  http?: boolean;
  modules: BehaviourModule[];
  extraHandlers?: Map<string, ExtraHandler>;
}

export interface RunningHost { ref: string; address: string; server: HostServer; fingerprint: string; certPem?: string }

export class PoolRuntime {
  readonly engine: Engine;
  readonly hosts = new Map<string, RunningHost>();
  port = 0;

  constructor(private readonly opts: PoolRuntimeOptions) {
    this.engine = new Engine(opts.seed, { users: opts.users, timeScale: opts.timeScale }, opts.modules);
    for (const [ref, address] of this.engine.hostAddresses) {
      if (this.engine.store.has('host', ref)) this.engine.store.update('host', ref, { address });
    }
    setHostRebinder(this.engine, (ref, address) => this.moveHost(ref, address));
  }

  /** Starts every host server; the master first, the others on the port it got. */
  async start(): Promise<void> {
    const order = [this.engine.masterRef, ...[...this.engine.hostAddresses.keys()].filter((r) => r !== this.engine.masterRef)];
    for (let attempt = 0; ; attempt++) {
      this.port = this.opts.port ?? 0;
      try {
        for (const ref of order) {
          const address = this.engine.hostAddresses.get(ref);
          if (!address) throw new Error(`no address for master host ${ref}`);
          const host = this.makeHost(ref, address);
          this.port = await host.server.start();
          this.hosts.set(ref, host);
        }
        publishHostCertificates(this.engine, this.hosts.values());
        setHostEndpoint(this.engine, { scheme: this.opts.http ? 'http' : 'https', port: this.port });
        return;
      } catch (e) {
        await this.stopServers();
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.opts.port || attempt >= 10) throw e;
      }
    }
  }

  private makeHost(ref: string, address: string): RunningHost {
    // Keyed by the host ref, which seeds (generated or dumped) keep stable across runs.
    const fileName = `host-${ref.replace(/^OpaqueRef:/, '').replace(/[^\w.-]/g, '_')}`;
    const cert = this.opts.http ? undefined : loadOrCreateCertificate(address, this.opts.stateDir, fileName);
    const server = new HostServer({
      engine: this.engine,
      hostRef: ref,
      address,
      port: this.port,
      ...(cert ? { tls: { keyPem: cert.keyPem, certPem: cert.certPem } } : {}),
      ...(this.opts.extraHandlers ? { extraHandlers: this.opts.extraHandlers } : {}),
    });
    return { ref, address, server, fingerprint: cert?.fingerprint256 ?? '', ...(cert ? { certPem: cert.certPem } : {}) };
  }

  private host(ref: string): RunningHost {
    const h = this.hosts.get(ref);
    if (!h) throw new Error(`unknown host ${ref}`);
    return h;
  }

  /** Stops a host's server (connections cut) and marks it not live. */
  async killHost(ref: string): Promise<void> {
    await this.host(ref).server.stop();
    this.setLive(ref, false);
  }

  /** Starts a killed host's server again on the same address and port. */
  async restartHost(ref: string): Promise<void> {
    const h = this.host(ref);
    if (!h.server.listening) await h.server.start();
    this.setLive(ref, true);
  }

  /** Moves a host's server to a new management address, or takes it off the network (`null`). */
  async moveHost(ref: string, address: string | null): Promise<void> {
    const h = this.host(ref);
    if (address === null) {
      await h.server.stop();
      return;
    }
    await h.server.moveTo(address);
    h.address = address;
  }

  private setLive(ref: string, live: boolean): void {
    const metrics = this.engine.store.row('host', ref)?.record.metrics;
    if (typeof metrics === 'string' && this.engine.store.has('host_metrics', metrics)) {
      this.engine.store.update('host_metrics', metrics, { live, last_updated: new Date() });
    }
  }

  /** pool.designate_new_master semantics: `ref` becomes master; the others answer HOST_IS_SLAVE from now on. */
  designateNewMaster(ref: string): void {
    this.host(ref);
    designateNewMaster(this.engine, ref);
  }

  dropConnections(ref?: string): void {
    for (const h of this.hosts.values()) if (!ref || h.ref === ref) h.server.dropConnections();
  }

  private async stopServers(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((h) => h.server.stop()));
    this.hosts.clear();
  }

  async stop(): Promise<void> {
    this.engine.stop();
    // Let calls released by the shutdown (blocked event.from …) write their answers before sockets close.
    await new Promise((r) => setTimeout(r, 20));
    await this.stopServers();
  }
}
