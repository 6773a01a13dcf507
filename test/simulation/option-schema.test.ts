// The options' one schema reaches every place that offers them: the GraphQL input, the CLI flags, the defaults.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isEnumType, isInputObjectType, isNonNullType, getNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { DEFAULTS, OPTION_FIELDS, OPTION_NAMES, parseSimulationOptions } from '../../src/simulation/options.js';

const cli = fileURLToPath(new URL('./fixtures/cli.mjs', import.meta.url));

describe('simulation options schema', () => {
  it('gives SimulationInput one field per option, required as in the schema, enums as GraphQL enums', () => {
    const input = schema().getType('SimulationInput');
    if (!isInputObjectType(input)) throw new Error('SimulationInput is not an input type');
    const fields = input.getFields();
    expect(Object.keys(fields).sort()).toEqual([...OPTION_NAMES].sort());
    for (const f of OPTION_FIELDS) {
      expect(isNonNullType(fields[f.name]!.type), f.name).toBe(f.required);
      const named = getNamedType(fields[f.name]!.type);
      if (f.enumValues) {
        if (!isEnumType(named)) throw new Error(`${f.name} is not an enum`);
        expect(
          named
            .getValues()
            .map((v) => v.value)
            .sort(),
        ).toEqual([...f.enumValues].sort());
      } else expect(named.name, f.name).toBe(f.type);
    }
    expect(OPTION_FIELDS.filter((f) => f.required).map((f) => f.name)).toEqual(['scenario', 'iterations', 'seed']);
  });

  it('offers every option as a flag of weerbaar simulate', () => {
    const help = execFileSync(process.execPath, [cli, 'simulate', '--help'], { encoding: 'utf8' });
    for (const f of OPTION_FIELDS) expect(help, f.flag).toContain(f.flag);
    expect(help).toContain('--no-timeline');
  });

  it('fills in the declared defaults', () => {
    const { value, problems } = parseSimulationOptions({ scenario: 's', iterations: 3, seed: 9 });
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ ...DEFAULTS, seed: '9', targetRelativeError: null });
    expect(DEFAULTS).toEqual({
      horizonHours: 168,
      stepHours: 1,
      disruptedThreshold: 0.05,
      counterfactual: 'none',
      timeline: true,
    });
    expect(value!.workers).toBeGreaterThanOrEqual(1);
  });

  it('reports a horizon shorter than the default step on horizonHours, a given step on stepHours', () => {
    expect(parseSimulationOptions({ scenario: 's', iterations: 1, seed: 1, horizonHours: 0.5 }).problems).toEqual([
      { item: 'options', field: 'horizonHours', message: 'must be at least one step (1 h), got 0.5' },
    ]);
    expect(
      parseSimulationOptions({ scenario: 's', iterations: 1, seed: 1, horizonHours: 2, stepHours: 3 }).problems,
    ).toEqual([{ item: 'options', field: 'stepHours', message: 'must not exceed the horizon (2 h), got 3' }]);
  });

  it('names every bad option with its value, and unknown ones', () => {
    const { problems } = parseSimulationOptions({
      scenario: '',
      iterations: 0,
      seed: null,
      workers: 999,
      colour: 'red',
      x: undefined,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { item: 'options', field: 'scenario', message: 'must be a scenario id, got ""' },
        { item: 'options', field: 'iterations', message: 'must be an integer ≥ 1 and ≤ 1000000000, got 0' },
        { item: 'options', field: 'seed', message: 'must be a non-empty string or a finite number, got null' },
        { item: 'options', field: 'workers', message: 'must be an integer ≥ 1 and ≤ 256, got 999' },
        { item: 'options', field: 'colour', message: 'unknown option' },
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(parseSimulationOptions([1]).problems).toEqual([
      { item: 'options', field: '', message: 'must be an object, got [1]' },
    ]);
  });
});
