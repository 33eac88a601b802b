/**
 * Passwords a pool keeps for its storage (an SMB share's, an iSCSI target's CHAP secret) go into XAPI's `secret`
 * objects, and the PBD's device_config names the secret (`password_secret: <uuid>`), as XenCenter does: the
 * password is never written in a device_config, a log, a job or Xenith's files. The secrets made for a job are
 * tracked so a failed job removes them (XAPI removes a PBD's secrets with the PBD, not those of a failed create).
 */
import type { JobXapi } from '../jobs/job-xapi.js';

export class XapiSecrets {
  readonly #xapi: JobXapi;
  readonly #made: string[] = [];

  constructor(xapi: JobXapi) {
    this.#xapi = xapi;
  }

  /** device_config entries for `passwords`: each password becomes a new secret, named by `<key>_secret`. */
  async deviceConfigFor(passwords: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(passwords)) {
      const ref = await this.#xapi.call<string>('secret.create', { value, other_config: {} });
      this.#made.push(ref);
      out[`${key}_secret`] = await this.#xapi.call<string>('secret.get_uuid', ref);
    }
    return out;
  }

  /** A copy of every secret a device_config names (a new PBD must not share secrets with another one). */
  async copySecrets(config: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    const out = { ...config };
    for (const [key, uuid] of Object.entries(config)) {
      if (!key.endsWith('_secret')) continue;
      const source = await this.#xapi.call<string>('secret.get_by_uuid', uuid);
      const value = await this.#xapi.call<string>('secret.get_value', source);
      Object.assign(out, await this.deviceConfigFor({ [key.slice(0, -'_secret'.length)]: value }));
    }
    return out;
  }

  /** Forgets the secrets made so far: they now belong to the PBDs that name them. */
  keep(): void {
    this.#made.length = 0;
  }

  /** Destroys the secrets made and not kept (best effort). */
  async discard(): Promise<void> {
    for (const ref of this.#made.splice(0)) await this.#xapi.call('secret.destroy', ref).catch(() => {});
  }
}
