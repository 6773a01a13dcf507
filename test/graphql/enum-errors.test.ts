// A value an enum does not have is refused by GraphQL itself; the message says where it is and which values the enum
// has (src/server/enum-errors.ts), for literals and for variables.
import { execute, parse, validate, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { explainEnumError } from '../../src/server/enum-errors.js';

const built = schema();

function refusal(query: string, variables?: Record<string, unknown>): string | undefined {
  const document = parse(query);
  let errors: readonly GraphQLError[] = validate(built, document);
  if (errors.length === 0) {
    const result = execute({ schema: built, document, variableValues: variables, contextValue: {} });
    errors = (result as { errors?: readonly GraphQLError[] }).errors ?? [];
  }
  expect(errors.length, query).toBeGreaterThan(0);
  return explainEnumError(errors[0]!, built);
}

describe('enum values the server does not know', () => {
  it('names the field, the argument and the list index of a literal, and the values of the enum', () => {
    expect(refusal('{ gapAnalysis(phases: [response, recovery]) { phases } }')).toBe(
      'gapAnalysis: phases[1]: unknown Phase "recovery"; expected one of proaction, ' +
        'prevention, preparation, response, aftercare',
    );
    expect(refusal('{ riskAssessment(profile: cheapest) { profile } }')).toBe(
      'riskAssessment: profile: unknown WeightProfileId "cheapest"; expected one of model, ' +
        'equal, humanSafetyFirst, economyFirst, societyFirst',
    );
  });

  it('says that an enum value is written without quotes', () => {
    expect(refusal('{ gapAnalysis(horizons: ["short"]) { phases } }')).toBe(
      'gapAnalysis: horizons[0]: Horizon values are written without quotes: short, not "short"',
    );
    expect(refusal('{ gapAnalysis(horizons: ["soon"]) { phases } }')).toBe(
      'gapAnalysis: horizons[0]: unknown Horizon "soon"; expected one of short, medium, long (written without quotes)',
    );
  });

  it('names the variable and the position in it', () => {
    const q =
      'query($phases: [Phase!], $profile: WeightProfileId) { gapAnalysis(phases: $phases, ' +
      'profile: $profile) { phases } }';
    expect(refusal(q, { phases: ['response', 'recovery'] })).toBe(
      'variable $phases[1]: unknown Phase "recovery"; expected one of proaction, ' +
        'prevention, preparation, response, aftercare',
    );
    expect(refusal(q, { profile: 'human-safety-first' })).toMatch(
      /^variable \$profile: unknown WeightProfileId "human-safety-first"; expected one of model, equal, humanSafety/,
    );
  });

  it('leaves other errors alone', () => {
    expect(refusal('{ gapAnalysis(minRiskRank: "x") { phases } }')).toBeUndefined();
  });
});
