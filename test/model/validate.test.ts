// The model validator refuses every kind of bad input with a message naming the item and the field.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateModel, readModelFile } from '../../src/model/validate.js';
import { ValidationError, UserError } from '../../src/domain/errors.js';
import { constants } from 'node:buffer';
import { writeFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const smallest = () => ({
  sectors: [{ id: 'energy', name: 'Energie' }],
  services: [
    { id: 'power', name: 'Electricity', sector: 'energy', recoveryRate: 0.2 },
    { id: 'water', name: 'Drinking water', sector: 'energy', recoveryRate: 0.2 },
  ],
  dependencies: [{ from: 'water', to: 'power', strength: 0.5, probability: 1, delayHours: 0 }] as Record<
    string,
    unknown
  >[],
  scenarios: [{ id: 'blackout', name: 'Long power outage' }],
  disruptions: [{ scenario: 'blackout', service: 'power', inoperability: 0.8, durationHours: 72 }] as Record<
    string,
    unknown
  >[],
});

function problems(input: unknown): string[] {
  try {
    validateModel(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems.map((p) => `${p.item}|${p.field}|${p.message}`);
  }
  return [];
}

describe('model validation', () => {
  it('accepts the smallest model of docs/model.md#format and fills in the defaults', () => {
    const m = validateModel({ ...smallest(), dependencies: [{ from: 'water', to: 'power', strength: 0.5 }] });
    expect(m.dependencies[0]).toMatchObject({ probability: 1, delayHours: 0 });
    expect(m.disruptions[0]!.durationHours).toBe(72);
    expect(m.tasks).toEqual([]);
  });

  it('names an unknown key of an item', () => {
    const m = smallest();
    m.dependencies[0]!.weight = 3;
    expect(problems(m)).toEqual(['dependencies[0] (water→power)|weight|unknown field']);
  });

  it('names an unknown top-level list', () => {
    expect(problems({ ...smallest(), servics: [] })).toEqual(['model|servics|unknown field']);
  });

  it('names a dangling reference with the item and the field', () => {
    const m = smallest();
    m.dependencies[0]!.to = 'gamma';
    expect(problems(m)).toEqual(['dependencies[0] (water→gamma)|to|unknown service "gamma"']);
  });

  it('refuses a reference to a node of the wrong kind', () => {
    const m = smallest();
    m.disruptions[0]!.service = 'energy';
    expect(problems(m)[0]).toMatch(
      /disruptions\[0\] \(blackout→energy\)\|service\|"energy" is in sectors, expected services/,
    );
  });

  it('refuses duplicate ids, also across kinds', () => {
    const m = { ...smallest(), tasks: [{ id: 'power', name: 'Clash', phase: 'response' }] };
    expect(problems(m)).toEqual(['tasks[0] (id "power")|id|duplicate id, already used by a node in services']);
    const same = smallest();
    same.services[1]!.id = 'power';
    expect(problems(same)).toContain('services[1] (id "power")|id|duplicate id, already used by a previous item');
  });

  it('refuses duplicate relationships', () => {
    const m = smallest();
    m.dependencies.push({ from: 'water', to: 'power', strength: 0.1 });
    expect(problems(m)).toEqual(['dependencies[1] (water→power)||duplicate of dependencies[0]']);
  });

  it('refuses wrong types, naming the value', () => {
    const m = smallest();
    m.dependencies[0]!.strength = '0.5';
    expect(problems(m)).toEqual(['dependencies[0] (water→power)|strength|must be number, got "0.5"']);
  });

  it.each([
    ['dependencies', 'probability', 1.5],
    ['dependencies', 'probability', -0.1],
    ['dependencies', 'strength', -1],
    ['dependencies', 'delayHours', -2],
    ['disruptions', 'inoperability', 2],
  ])('refuses %s.%s = %s as out of range', (list, field, value) => {
    const m = smallest() as Record<string, Record<string, unknown>[]>;
    m[list]![0]![field] = value;
    const found = problems(m);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`|${field}|`);
    expect(found[0]).toContain(String(value));
  });

  it('refuses a recovery rate outside (0, 1]', () => {
    for (const rate of [0, 1.01, -1]) {
      const m = smallest();
      m.services[0]!.recoveryRate = rate;
      expect(problems(m)).toEqual([`services[0] (id "power")|recoveryRate|must be in (0, 1], got ${rate}`]);
    }
  });

  it('refuses readiness and reduction outside [0, 1] and a negative capacity', () => {
    const m = {
      ...smallest(),
      capabilities: [{ id: 'gen', name: 'Generators', unit: 'MW' }],
      parties: [{ id: 'p', name: 'P', kind: 'company' }],
      holdings: [{ party: 'p', capability: 'gen', capacity: -5, readiness: 1.2 }],
      mitigations: [{ capability: 'gen', service: 'water', reduction: 3 }],
    };
    const found = problems(m);
    expect(found).toContain('holdings[0] (p→gen)|capacity|must be ≥ 0, got -5');
    expect(found).toContain('holdings[0] (p→gen)|readiness|must be between 0 and 1, got 1.2');
    expect(found).toContain('mitigations[0] (gen→water)|reduction|must be between 0 and 1, got 3');
  });

  it('refuses an unknown enum value, listing the allowed ones', () => {
    const m = { ...smallest(), parties: [{ id: 'p', name: 'P', kind: 'army' }] };
    expect(problems(m)[0]).toMatch(/^parties\[0\] \(id "p"\)\|kind\|must be one of "ministry", .* got "army"$/);
  });

  it('refuses a model that is not an object', () => {
    expect(problems([1, 2])).toEqual(['model||must be a JSON object, got an array']);
    expect(problems(null)).toEqual(['model||must be a JSON object, got null']);
  });

  it('names the file for non-JSON, truncated and missing files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weerbaar-'));
    writeFileSync(join(dir, 'truncated.json'), '{"services": [');
    writeFileSync(join(dir, 'text.json'), 'hello');
    writeFileSync(join(dir, 'empty.json'), '');
    await expect(readModelFile(join(dir, 'truncated.json'))).rejects.toThrow(/truncated\.json: not valid JSON/);
    await expect(readModelFile(join(dir, 'text.json'))).rejects.toThrow(/text\.json: not valid JSON/);
    await expect(readModelFile(join(dir, 'empty.json'))).rejects.toThrow(/empty\.json: file is empty/);
    await expect(readModelFile(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: cannot read file \(no such file\)/,
    );
    await expect(readModelFile(join(dir, 'missing.json'))).rejects.toBeInstanceOf(UserError);
  });

  it('parses a file longer than the longest string as a stream, and names the file when it is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weerbaar-'));
    const file = join(dir, 'huge.json');
    // Sparse: longer than the longest string Node can make, without writing it; its first byte is not JSON.
    writeFileSync(file, '');
    truncateSync(file, constants.MAX_STRING_LENGTH + 1);
    try {
      const error = await readModelFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/huge\.json: not valid JSON \(Unexpected .* at byte 0\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never throws anything but a ValidationError on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          validateModel(value);
        } catch (e) {
          return e instanceof ValidationError && (e as ValidationError).problems.length > 0;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('names the item and field of any out-of-range probability (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }).filter((p) => p < 0 || p > 1),
        (p) => {
          const m = smallest();
          m.dependencies[0]!.probability = p;
          const found = problems(m);
          return found.length === 1 && found[0]!.startsWith('dependencies[0] (water→power)|probability|');
        },
      ),
    );
  });
});
