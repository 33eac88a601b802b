import { describe, expect, it } from 'vitest';
import { ConsoleTokens } from './console-tokens.js';

const grant = { poolId: 'p', objectId: 'OpaqueRef:vm', consoleRef: 'OpaqueRef:console' };

describe('ConsoleTokens', () => {
  it('redeems a token once', () => {
    const tokens = new ConsoleTokens();
    const token = tokens.issue(grant);
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(tokens.take(token)).toEqual(grant);
    expect(tokens.take(token)).toBeNull();
  });

  it('refuses a token after its lifetime', async () => {
    const tokens = new ConsoleTokens(20);
    const token = tokens.issue(grant);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(tokens.take(token)).toBeNull();
  });

  it('gives every console its own token', () => {
    const tokens = new ConsoleTokens();
    expect(tokens.issue(grant)).not.toBe(tokens.issue(grant));
  });
});
