// Property tests on the input boundaries: the model validator, the engine's options and the token check.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { validateModel } from '../../src/model/validate.js';
import { validateSimulationOptions } from '../../src/simulation/run.js';
import { ValidationError } from '../../src/domain/errors.js';
import { authenticator } from '../../src/server/auth.js';
import { TEST_SECRET } from '../helpers/server.js';
import { MODEL } from './fixture.js';

type Json = Record<string, unknown>;
const base = () => JSON.parse(JSON.stringify(MODEL())) as Record<string, Json[]>;
const LISTS = Object.entries(base())
  .filter(([, v]) => Array.isArray(v) && v.length > 0)
  .map(([k]) => k);
/** Values of any JSON type, including the awkward ones. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-1, 0, 1.5, 1e308, -1e-308, '', ' ', '\u0000', "') DETACH DELETE n //", [], {}, null),
);

describe('model validator (property)', () => {
  it('refuses a wrong value of any field of any item with a problem naming that item and field, or accepts it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LISTS), fc.nat(), fc.nat(), anyValue, (list, i, f, value) => {
        const model = base();
        const items = model[list]!;
        const index = i % items.length;
        const fields = Object.keys(items[index]!).filter((k) => k !== 'id');
        if (!fields.length) return;
        const field = fields[f % fields.length]!;
        items[index]![field] = value;
        try {
          validateModel(model);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          const problems = (e as ValidationError).problems;
          expect(problems.length).toBeGreaterThan(0);
          const named = problems.some(
            (p) => p.item.startsWith(`${list}[${index}]`) && p.field.split(/[.[]/)[0] === field,
          );
          // A changed reference may instead be reported where it dangles; either way the item and field are named.
          expect(named, JSON.stringify({ list, index, field, value, problems })).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses an item with an unknown key, naming the key, whatever its value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LISTS),
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !/^(id|name|__proto__|constructor)$/.test(k)),
        anyValue,
        (list, key, value) => {
          const model = base();
          const item = model[list]![0]!;
          if (key in item) return;
          item[key] = value;
          try {
            validateModel(model);
            expect.unreachable(`accepted unknown key ${key}`);
          } catch (e) {
            expect(e).toBeInstanceOf(ValidationError);
            expect(
              (e as ValidationError).problems.some(
                (p) => p.item.startsWith(`${list}[0]`) && (p.field === key || p.message.includes(key)),
              ),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

const OPTION_NAMES = [
  'scenario',
  'iterations',
  'seed',
  'workers',
  'horizonHours',
  'stepHours',
  'disruptedThreshold',
  'targetRelativeError',
  'counterfactual',
  'timeline',
];

describe('simulation options (property)', () => {
  it('accept or refuse any object with a ValidationError naming option fields, never another error', () => {
    const model = MODEL();
    const option = fc.record(
      {
        scenario: fc.oneof(fc.constantFrom('blackout', 'cyber', 'atlantis', ''), fc.string()),
        iterations: anyValue,
        seed: anyValue,
        workers: anyValue,
        horizonHours: anyValue,
        stepHours: anyValue,
        disruptedThreshold: anyValue,
        targetRelativeError: anyValue,
        counterfactual: anyValue,
        timeline: anyValue,
      },
      { requiredKeys: ['scenario'] },
    );
    fc.assert(
      fc.property(option, (o) => {
        try {
          validateSimulationOptions(o, model);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          for (const p of (e as ValidationError).problems) {
            expect(p.item).toBe('options');
            // An option by name (a horizon too long for its step is reported on stepHours, also when only horizonHours
            // is
            // given).
            expect(['', ...OPTION_NAMES]).toContain(p.field);
            expect(p.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('bearer tokens (property)', () => {
  it('turn any Authorization header into a viewer or a 401, never another error', async () => {
    const check = authenticator(TEST_SECRET);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `Bearer ${s}`),
          fc.base64String().map((s) => `Bearer ${s}.${s}.${s}`),
        ),
        async (header) => {
          let request: Request;
          try {
            request = new Request('http://localhost/graphql', { headers: { authorization: header } });
          } catch {
            return; // not a valid header value at all: never reaches the server
          }
          try {
            const viewer = await check(request);
            expect(viewer.admin).toBe(false);
            expect(viewer.subject).toBe('anonymous');
          } catch (e) {
            expect(e).toBeInstanceOf(GraphQLError);
            expect((e as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
