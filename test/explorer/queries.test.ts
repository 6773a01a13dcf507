// The explorer's GraphQL operations (src/explorer/queries.ts) against the checked-in schema.graphql: a change of the
// API that would break the page fails here, before any browser runs.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_OPERATIONS, HORIZONS, REPORT_KINDS, RISK_METHODS, RUN_STATUSES } from '../../src/explorer/queries.js';
import { REPORT_KINDS as SERVER_REPORT_KINDS } from '../../src/report/document.js';

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));

describe('explorer operations', () => {
  it.each(Object.entries(ALL_OPERATIONS))('%s is valid against schema.graphql', (_name, operation) => {
    const errors = validate(schema, parse(operation)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  it('a broken operation is reported (the check can fail)', () => {
    const errors = validate(schema, parse('query { gapAnalysis { noSuchField } }'));
    expect(errors.map((e) => e.message).join()).toMatch(/noSuchField/);
  });

  it('the risk methods are the ones riskAssessment documents', () => {
    const field = schema.getQueryType()!.getFields().riskAssessment!;
    const method = field.args.find((a) => a.name === 'method')!;
    const named = String(method.type).replace(/!$/, '');
    const enumValues = (schema.getType(named) as { getValues?: () => { name: string }[] } | undefined)?.getValues?.();
    const documented = enumValues ? enumValues.map((v) => v.name) : method.description!.match(/\b[A-Z][A-Z_]{2,}\b/g);
    expect([...RISK_METHODS].sort()).toEqual([...new Set(documented)].sort());
  });

  it('the horizons the risk diagram filters by are the values of the Horizon enum', () => {
    const values = (schema.getType('Horizon') as unknown as { getValues(): { name: string }[] }).getValues();
    expect(values.map((v) => v.name).sort()).toEqual([...HORIZONS].sort());
  });

  it('every simulation status the page knows is one the server sends', () => {
    const values = (schema.getType('SimulationStatus') as unknown as { getValues(): { name: string }[] }).getValues();
    expect(values.map((v) => v.name).sort()).toEqual([...RUN_STATUSES].sort());
  });

  it('the report kinds the page offers are the ones GET /reports renders', () => {
    expect([...REPORT_KINDS].sort()).toEqual([...SERVER_REPORT_KINDS].sort());
  });
});
