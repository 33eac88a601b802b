import { describe, expect, it } from 'vitest';
import { providerLabel, secretServiceKind } from './secret-service-provider.js';

describe('naming the Secret Service provider', () => {
  it('names the programs known to provide it, by executable or by kernel comm', () => {
    expect(providerLabel('gnome-keyring-daemon')).toBe('GNOME Keyring');
    expect(providerLabel('gnome-keyring-d\n')).toBe('GNOME Keyring');
    expect(providerLabel('kwalletd6')).toBe('KWallet');
    expect(providerLabel('keepassxc')).toBe('KeePassXC');
  });

  it('keeps an unknown program its own name, but only a plain one', () => {
    expect(providerLabel('my-secrets_2.0')).toBe('my-secrets_2.0');
    expect(providerLabel('evil <b>name</b>')).toBeNull();
    expect(providerLabel('')).toBeNull();
  });

  it('says "Secret Service" alone when the provider is unknown', () => {
    expect(secretServiceKind('GNOME Keyring')).toBe('Secret Service (GNOME Keyring)');
    expect(secretServiceKind(null)).toBe('Secret Service');
  });
});
