// An ESLint rule that checks every import of a file against its layer's allow-list (scripts/layer-zones.js).
// An allow-list, not a deny-list: a package nobody thought to forbid (undici in the renderer) still fails.
import { isBuiltin } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

/** The package a bare specifier names: `@scope/name`, `#alias` (package.json "imports") or `name`. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Why `specifier`, imported by the file at `filename`, is not allowed by `zone` — or null when it is.
 * Relative and absolute specifiers are resolved and must land in one of the zone's directories.
 */
export function importViolation(zone, root, filename, specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(root, resolve(dirname(filename), specifier)).split(sep).join('/');
    if (zone.dirs.some((dir) => target === dir || target.startsWith(`${dir}/`))) return null;
    return `'${specifier}' resolves to ${target}, outside ${zone.dirs.join(', ')}.`;
  }
  if (isBuiltin(specifier)) return zone.nodeBuiltins ? null : `'${specifier}' is a Node built-in.`;
  const name = packageName(specifier);
  return zone.packages.includes(name) ? null : `'${name}' is not on the list (${zone.packages.join(', ') || 'none'}).`;
}

/** The rule: options are one zone of scripts/layer-zones.js plus the repository root. */
export const allowedImportsRule = {
  meta: {
    type: 'problem',
    docs: { description: "Each layer imports only what its allow-list in scripts/layer-zones.js names." },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: { notAllowed: '{{layer}} may not import this: {{reason}} {{why}} (allow-lists: scripts/layer-zones.js)' },
  },
  create(context) {
    const [zone] = context.options;
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const reason = importViolation(zone, zone.root, context.filename, source.value);
      if (reason) context.report({ node: source, messageId: 'notAllowed', data: { layer: zone.name, reason, why: zone.why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `import('undici').Dispatcher` in a type position pulls the package's types in as surely as an import.
      TSImportType: (node) => check(node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument)),
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};
