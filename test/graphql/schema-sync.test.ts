// schema.graphql is generated from the code (npm run schema); this fails when it is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSdl } from '../../src/schema/index.js';

describe('checked-in schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing types)', () => {
    expect(readFileSync('schema.graphql', 'utf8')).toBe(printSdl());
  });
});
