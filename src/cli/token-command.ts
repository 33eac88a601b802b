import type { ApiTokenInfo } from '../shared/api/methods/tokens.js';
import type { ParsedArgv } from './argv.js';
import { CallFailedError, ExitCode, UsageError } from './exit-codes.js';
import { jsonOutput, table } from './render.js';
import { withSession } from './session.js';

/**
 * `xenith-cli token create <name> | list | revoke <name or id>`: the API tokens of Settings, from a shell. The
 * secret of a new token is printed once; the server keeps only its hash.
 */
export async function tokenCommand(argv: ParsedArgv): Promise<number> {
  const [, action, ...rest] = argv.words;
  const { json } = argv.options;
  const print = (text: string) => process.stdout.write(text);
  if (action === 'create' && rest.length === 1) {
    const created = await withSession((client) => client.output<{ token: ApiTokenInfo; secret: string }>('token.create', { name: rest[0] }));
    print(json ? jsonOutput(created) : `Token "${created.token.name}" created. Its secret is shown this once:\n\n    ${created.secret}\n\nUse it with xenith-cli register <url> --token <secret>, or as Authorization: Bearer <secret>.\n`);
    return ExitCode.ok;
  }
  if (action === 'list' && rest.length === 0) {
    const tokens = await withSession((client) => client.output<ApiTokenInfo[]>('token.list', {}));
    print(json ? jsonOutput(tokens) : tokens.length === 0 ? '(none)\n' : table(tokens, ['tokenId', 'name', 'createdAt', 'lastUsedAt']));
    return ExitCode.ok;
  }
  if (action === 'revoke' && rest.length === 1) {
    const wanted = rest[0]!;
    const token = await withSession(async (client) => {
      const tokens = await client.output<ApiTokenInfo[]>('token.list', {});
      const found = tokens.find((candidate) => candidate.tokenId === wanted) ?? tokens.find((candidate) => candidate.name === wanted);
      if (!found) throw new CallFailedError('NOT_FOUND', `There is no token with the id or name "${wanted}".`);
      await client.output('token.revoke', { tokenId: found.tokenId });
      return found;
    });
    print(json ? jsonOutput({ revoked: token }) : `Revoked "${token.name}".\n`);
    return ExitCode.ok;
  }
  throw new UsageError('Usage: xenith-cli token create <name> | token list | token revoke <name or id>');
}
