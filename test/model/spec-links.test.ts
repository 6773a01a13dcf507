// Code, tests and the generated schema cite docs/model.md by section: every cited section exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? files(rel) : [rel];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');

describe('docs/model.md citations', () => {
  it('point at sections that exist, and nothing cites the domain brief, which is not in the repository', () => {
    const anchors = new Set(
      readFileSync(join(ROOT, 'docs/model.md'), 'utf8')
        .split('\n')
        .filter((l) => /^#{2,4} /.test(l))
        .map((l) => anchor(l.replace(/^#+ /, ''))),
    );
    const cited: string[] = [];
    const stale: string[] = [];
    for (const f of [...files('src'), ...files('test'), ...files('bench'), 'schema.graphql', 'README.md']) {
      if (!/\.(ts|js|c|graphql|md|json)$/.test(f)) continue;
      const text = readFileSync(join(ROOT, f), 'utf8');
      if (text.includes('DOMAIN' + '.md')) stale.push(f);
      for (const m of text.matchAll(/docs\/model\.md#([\w-]+)/g)) if (!anchors.has(m[1]!)) cited.push(`${f}: #${m[1]}`);
    }
    expect(cited).toEqual([]);
    expect(stale).toEqual([]);
    expect(anchors.has('cascade') && anchors.has('static-gap') && anchors.has('format')).toBe(true);
  });
});
