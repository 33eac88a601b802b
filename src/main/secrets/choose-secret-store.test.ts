import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { chooseSecretStore } from './choose-secret-store.js';
import { platformKeychain } from './platform-keychain.js';

describe('choosing where saved passwords go', () => {
  it('uses each platform its own keychain, and the Secret Service (never the kernel keyring) on Linux', () => {
    expect(platformKeychain('darwin')).toEqual({ store: 'macos-keychain', kind: 'macOS Keychain' });
    expect(platformKeychain('win32')).toEqual({ store: 'windows-credential-manager', kind: 'Windows Credential Manager' });
    expect(platformKeychain('linux')).toEqual({ store: 'secret-service', kind: 'Secret Service' });
    expect(platformKeychain('aix')).toBeNull();
  });

  it('keeps passwords for this session only where no keychain is known, and says so', async () => {
    const notices: string[] = [];
    const store = await chooseSecretStore(silentLogger, (message) => notices.push(message), 'aix');
    expect(store).toMatchObject({ store: 'session', kind: 'session only', persistent: false });
    expect(notices).toEqual(['No OS keychain is known on aix. Saved pools will keep their passwords for this session only.']);
  });
});
