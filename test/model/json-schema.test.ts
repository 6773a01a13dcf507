// The published JSON Schema is generated from the zod schema; this fails when simulations/model.schema.json is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printModelJsonSchema, modelJsonSchema } from '../../src/model/json-schema.js';

describe('published JSON Schema of the model format', () => {
  it('is in sync with the code (run `npm run schema` after changing the format)', () => {
    expect(readFileSync('simulations/model.schema.json', 'utf8')).toBe(printModelJsonSchema());
  });
  it('names every list of the format and refuses unknown top-level keys', () => {
    const schema = modelJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    for (const key of [
      'vitalInterests',
      'impactCriteria',
      'threats',
      'incidentCategories',
      'scenarios',
      'sectors',
      'services',
      'tasks',
      'capabilities',
      'parties',
      'dependencies',
      'disruptions',
      'requirements',
      'triggers',
      'needs',
      'holdings',
      'mitigations',
      'responsibilities',
      'scores',
    ]) {
      expect(schema.properties).toHaveProperty(key);
    }
    expect(schema.additionalProperties).toBe(false);
  });
});
