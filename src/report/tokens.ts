// The NL Design System tokens of the explorer (@rijkshuisstijl-community/design-tokens), inlined into a report's CSS so
// that its HTML is self-contained and its PDF renders offline with the same colours and type as the explorer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const TOKENS_CSS = '@rijkshuisstijl-community/design-tokens/dist/index.css';
const DECLARATION = /(--[A-Za-z0-9_-]+)\s*:\s*([^;]+);/g;
const REFERENCE = /var\(\s*(--[A-Za-z0-9_-]+)/g;

let all: Map<string, string> | null = null;

/** Every custom property of the package's `.rhc-theme` block, by name. */
export function designTokens(): ReadonlyMap<string, string> {
  if (!all) {
    const path = createRequire(import.meta.url).resolve(TOKENS_CSS);
    const css = readFileSync(path, 'utf8');
    const start = css.indexOf('.rhc-theme');
    const block = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
    all = new Map([...block.matchAll(DECLARATION)].map((m) => [m[1]!, m[2]!.trim()]));
    if (!all.size) throw new Error(`internal: no design tokens found in ${path}`);
  }
  return all;
}

/**
 * A `.rhc-theme { … }` rule with the tokens `css` uses and, transitively, the tokens those refer to (the whole set is
 * about 90 KB; a report needs a few dozen). A token the package does not have is an error, so a renamed token fails
 * the tests instead of silently falling back.
 */
export function tokenRule(css: string): string {
  const tokens = designTokens();
  const wanted = new Set<string>();
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(REFERENCE)) {
      if (!name!.startsWith('--rhc-') || wanted.has(name!)) continue;
      const value = tokens.get(name!);
      if (value === undefined) throw new Error(`internal: design token ${name} is not in ${TOKENS_CSS}`);
      wanted.add(name!);
      visit(value);
    }
  };
  visit(css);
  const lines = [...wanted].sort().map((n) => `  ${n}: ${tokens.get(n)};`);
  return `.rhc-theme {\n${lines.join('\n')}\n}`;
}
