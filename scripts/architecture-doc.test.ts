import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const docPath = join(root, 'docs', 'ARCHITECTURE.md');
const topLevel = new Set(readdirSync(root));
const pathLike = /^[\w@.-]+(?:\/[\w@.-]+)*\/?$/;
const fileName = /\.(?:ts|tsx|js|mjs|cjs|json|md|ya?ml|css|html)$/;

/**
 * The repository paths a Markdown text names: code spans that look like a path (`src/main/server.ts`,
 * `apps/xapi-sim/`, `package.json`) and relative link targets. Package names (`@novnc/novnc`, `react-dom/client`)
 * are not paths: they neither start with a top-level entry of the repository nor end like a file.
 */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
  const paths = spans.filter((span) => pathLike.test(span) && (span.includes('/') ? topLevel.has(span.split('/')[0]!) || fileName.test(span) : fileName.test(span)));
  const links = [...markdown.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/i.test(target));
  return [...new Set([...paths, ...links.map((target) => join('docs', target))])];
}

describe('namedPaths', () => {
  it('takes paths and relative links, and leaves package names, globs and prose alone', () => {
    const text = 'See `src/nope.ts`, `apps/xapi-sim/`, `package.json`, `react-dom/client`, `@novnc/novnc`, `*.test.ts`, `node:fs`, `objects.subscribe` and [the README](../README.md).';
    expect(namedPaths(text)).toEqual(['src/nope.ts', 'apps/xapi-sim/', 'package.json', 'README.md']);
  });
});

describe('docs/ARCHITECTURE.md', () => {
  const markdown = readFileSync(docPath, 'utf8');
  const paths = namedPaths(markdown);

  it('names the files it describes (the check below has something to check)', () => {
    expect(paths.length).toBeGreaterThan(80);
    expect(paths).toContain('src/main/server.ts');
    expect(paths).not.toContain('@novnc/novnc');
  });

  it('names only paths that exist, so it cannot silently go stale', () => {
    const missing = paths.filter((path) => !existsSync(join(root, path)) || (path.endsWith('/') && !statSync(join(root, path)).isDirectory()));
    expect(missing, 'paths named in docs/ARCHITECTURE.md that do not exist: fix the page with the move').toEqual([]);
  });

  it('is what the README links for the layers, not a page outside the repository', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/ARCHITECTURE.md)');
    expect(readme).not.toContain('../shared/ARCHITECTURE.md');
    expect(existsSync(join(dirname(docPath), 'ARCHITECTURE.md'))).toBe(true);
  });
});
