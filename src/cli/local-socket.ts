import { tmpdir, userInfo } from 'node:os';
import { localSocketPath } from '../shared/util/local-socket-path.js';

/** The desktop app's local socket for this user (the same place the app opens it). */
export function defaultSocketPath(): string {
  const info = userInfo();
  return localSocketPath({ platform: process.platform, env: process.env, uid: info.uid, username: info.username, tmpdir: tmpdir() });
}
