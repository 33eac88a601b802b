import { createAlertsApi } from './api/alerts-api.js';
import { createAppApi } from './api/app-api.js';
import { createConsoleApi } from './api/console-api.js';
import { createFilesApi } from './api/files-api.js';
import { Dispatcher } from './api/dispatcher.js';
import { createHostsApi } from './api/hosts-api.js';
import type { CallContext, Implementation } from './api/implementation.js';
import { createJobsApi } from './api/jobs-api.js';
import { createObjectsApi } from './api/objects-api.js';
import { createPoolsApi } from './api/pools-api.js';
import { createSettingsApi } from './api/settings-api.js';
import { createSnapshotsApi } from './api/snapshots-api.js';
import { createSystemApi } from './api/system-api.js';
import { createTokensApi } from './api/tokens-api.js';
import { createUpdatesApi } from './api/updates-api.js';
import { createStatsApi } from './api/stats-api.js';
import { createStorageApi } from './api/storage-api.js';
import { createNetworkApi } from './api/network-api.js';
import { createVmApi } from './api/vm-api.js';
import { createVmssApi } from './api/vmss-api.js';
import { createVmTransferApi } from './api/vm-transfer-api.js';
import { describeJobError, type ActionDeps } from './actions/action-context.js';
import type { CallResult } from '../shared/api/result.js';
import { ObjectMirror } from './cache/object-mirror.js';
import { ClientHub, type ClientSink } from './clients/client-hub.js';
import { ConsoleProxy } from './console/console-proxy.js';
import { captureConsolePng, type PoolAccess } from './console/console-screenshot.js';
import { ConsoleTokens } from './console/console-tokens.js';
import { EventBus, type EventListener } from './events/event-bus.js';
import { FileHandles, type FileChoice } from './files/file-handles.js';
import type { FileDeps } from './files/file-services.js';
import { JobRegistry } from './jobs/job-registry.js';
import { TaskWatcher } from './jobs/task-watcher.js';
import { PoolManager } from './pools/pool-manager.js';
import { SavedPoolsFile } from './pools/saved-pools-file.js';
import type { ServerPorts } from './ports.js';
import { SettingsFile } from './settings/settings-file.js';
import { StatsCache } from './stats/stats-cache.js';
import { ObjectStream } from './stream/object-stream.js';
import { ApiTokenStore } from './tokens/api-token-store.js';
import { PinStore } from './trust/pin-store.js';
import { TrustBroker } from './trust/trust-broker.js';
import { createTransferServices, type TransferDeps } from './transfer/transfer-deps.js';
import { TransferJournal } from './transfer/transfer-journal.js';
import { TransferRecovery } from './transfer/transfer-recovery.js';
import { FileLinks } from './transport/file-links.js';
import { createRollingJournal } from './updates/rolling/rolling-journal.js';
import { defaultRollingTimings, type RollingTimings } from './updates/rolling/rolling-steps.js';
import { RollingUpdates } from './updates/rolling/rolling-updates.js';
import type { BusyRetry } from './updates/updater-plugin.js';

/** A connected client's handle: its id and calls made in its name. */
export interface ClientSession {
  readonly clientId: string;
  dispatch(method: unknown, input: unknown): Promise<CallResult<unknown>>;
  close(): void;
}

/** The embedded server as its hosts (Electron shell, serve command, tests) see it. */
export interface XenithServer {
  /** Registers a client (window, browser tab) that receives broadcast events and its own streams. */
  connectClient(sink: ClientSink, clientId?: string): ClientSession;
  dispatch(method: unknown, input: unknown, context: CallContext): Promise<CallResult<unknown>>;
  /** Broadcast events only (targeted events go to client sinks). */
  subscribe(listener: EventListener): () => void;
  /** The id of the API token a presented secret is (recording its use), or null: unknown, revoked or malformed. */
  authenticateApiToken(secret: string): Promise<string | null>;
  /** Page origins allowed to open consoles (the serve origin, or app://xenith in Electron). */
  allowConsoleOrigins(origins: Iterable<string>): void;
  /** The one-time download and upload links of exports and imports (serve mode answers them at /files/<token>). */
  readonly fileLinks: FileLinks;
  /** An opaque, single-use handle for a file the desktop shell's native Save or Open dialog chose. */
  issueFileHandle(choice: FileChoice): string;
  /** Loads saved pools and reconnects the auto-connect ones. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** In-process access for tests and benchmarks. */
  readonly internals: { mirror: ObjectMirror; pools: PoolManager; pins: PinStore; jobs: JobRegistry; stats: StatsCache; stream: ObjectStream };
}

export interface ServerOptions {
  /** Backoff between reconnect rounds (tests shorten it). */
  retryDelaysMs?: readonly number[];
  /** How long a certificate question waits for an answer before the connection gives up (default 10 min). */
  trustAnswerTimeoutMs?: number;
  /** How long a job's XAPI task may show no change before the job fails with TASK_TIMEOUT (default 1 hour). */
  taskIdleTimeoutMs?: number;
  /** How long an import may take to complete after the last byte of a streamed transfer (default 2 min). */
  importSettleMs?: number;
  /** Rolling pool updates: how long a rebooted host may take to come back, how often it is looked at. */
  rollingTimings?: Partial<RollingTimings>;
  /** XCP-ng's updater plugin found busy: how often and how far apart to try again. */
  updaterBusyRetry?: BusyRetry;
}

/** Composition root: wires the areas together from the host-specific ports. */
export function createServer(ports: ServerPorts, options: ServerOptions = {}): XenithServer {
  const bus = new EventBus();
  const hub = new ClientHub(bus);
  const mirror = new ObjectMirror();
  const pins = new PinStore();
  const broker = new TrustBroker(bus, { answerTimeoutMs: options.trustAnswerTimeoutMs });
  const pools = new PoolManager({
    mirror, pins, broker, bus,
    secrets: ports.secrets,
    file: new SavedPoolsFile(ports.paths.dataDir),
    logger: ports.logger,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
  const stream = new ObjectStream(mirror, bus, hub);
  const consoleTokens = new ConsoleTokens();
  const poolAccess: PoolAccess = (poolId) => {
    const connection = pools.has(poolId) ? pools.connection(poolId) : null;
    const sessionId = connection?.client?.sessionId;
    return connection?.master && sessionId ? { sessionId, port: connection.master.port } : null;
  };
  const consoles = new ConsoleProxy({ tokens: consoleTokens, mirror, pins, logger: ports.logger, poolAccess });
  const jobs = new JobRegistry(bus, { describeError: describeJobError(mirror) });
  const actions: ActionDeps = { mirror, pools, jobs, watcher: new TaskWatcher(mirror, { idleTimeoutMs: options.taskIdleTimeoutMs }) };
  const transfers: TransferDeps = {
    ...actions,
    transfers: createTransferServices(new TransferJournal(ports.paths.dataDir), pins, ports.logger, { importSettleMs: options.importSettleMs }),
  };
  const recovery = new TransferRecovery(transfers, bus);
  const fileHandles = new FileHandles();
  const fileLinks = new FileLinks();
  const files: FileDeps = { ...transfers, files: { handles: fileHandles, links: fileLinks } };
  const rolling = new RollingUpdates(actions, createRollingJournal(ports.paths.dataDir), { timings: { ...defaultRollingTimings, ...options.rollingTimings }, busyRetry: options.updaterBusyRetry });
  const stats = new StatsCache({
    mirror, bus, logger: ports.logger,
    hostAccess: (poolId, hostRef) => () => {
      const connection = pools.has(poolId) ? pools.connection(poolId) : null;
      const host = mirror.get(hostRef, 'host');
      if (!connection?.client || !connection.master || typeof host?.address !== 'string' || host.address === '') return null;
      return { client: connection.client, hostRef, endpoint: { host: host.address, port: connection.master.port }, ready: connection.membersPinned };
    },
  });
  hub.onClientClosed((clientId) => stats.clientClosed(clientId));
  const apiTokens = new ApiTokenStore(ports.paths.dataDir, { onChange: (tokens) => bus.emit('tokens.changed', { tokens }) });
  const implementation: Implementation = {
    ...createAppApi(ports.host, () => pools.counts(), ports.secrets),
    ...createSettingsApi(new SettingsFile(ports.paths.dataDir), bus),
    ...createPoolsApi(pools, broker, stream),
    ...createConsoleApi(mirror, consoleTokens, consoles),
    ...createVmApi(actions),
    ...createVmTransferApi(transfers),
    ...createFilesApi(files),
    ...createHostsApi(actions),
    ...createStorageApi(actions),
    ...createNetworkApi({ ...actions, pins }),
    ...createJobsApi(actions),
    ...createObjectsApi(actions),
    ...createSnapshotsApi({ ...actions, screenshot: (vmId) => captureConsolePng({ mirror, pins, poolAccess }, vmId) }),
    ...createVmssApi(actions),
    ...createTokensApi(apiTokens),
    ...createSystemApi(ports.host.version),
    ...createStatsApi(stats, actions),
    ...createAlertsApi(actions),
    ...createUpdatesApi(actions, rolling, { busyRetry: options.updaterBusyRetry }),
  };
  const dispatcher = new Dispatcher(implementation, ports.logger);
  return {
    connectClient(sink, requestedId) {
      const clientId = hub.add(sink, requestedId);
      return {
        clientId,
        dispatch: (method, input) => dispatcher.dispatch(method, input, { clientId }),
        close: () => hub.remove(clientId),
      };
    },
    dispatch: (method, input, context) => dispatcher.dispatch(method, input, context),
    subscribe: (listener) => bus.subscribe((event) => {
      if (event.clientId === undefined) listener(event);
    }),
    authenticateApiToken: async (secret) => (await apiTokens.authenticate(secret))?.tokenId ?? null,
    allowConsoleOrigins: (origins) => consoles.allowOrigins(origins),
    fileLinks,
    issueFileHandle: (choice) => fileHandles.issue(choice),
    async start() {
      // The journal is read before any pool connects, so interrupted transfers are cleaned as their pools come back.
      await recovery.start();
      // Unfinished rolling updates show at once, paused at their step, before their pools reconnect.
      await rolling.start();
      await pools.start();
    },
    async close() {
      recovery.close();
      fileLinks.close();
      stats.close();
      stream.close();
      jobs.close();
      await consoles.close();
      await pools.close();
    },
    internals: { mirror, pools, pins, jobs, stats, stream },
  };
}
