// Named weight profiles for the multi-criteria risk ranking: data, not code paths, so a query can compare them.
//
// The NRB method (Nationale Risicobeoordeling – Leidraad Methode 2008, BZK) weighs its ten impact criteria equally
// in the base case and tests the ranking against alternative weight sets in a sensitivity analysis. The sets below
// follow that idea; their multipliers are planning assumptions of this tool, not published figures.

export interface WeightProfile {
  id: string;
  description: string;
  source: string;
  /** True when the profile uses each criterion's own `weight` from the model. */
  modelWeights?: boolean;
  /** Weight of every criterion measuring this vital interest; criteria of unlisted interests weigh `otherWeight`. */
  byVitalInterest?: Readonly<Record<string, number>>;
  otherWeight?: number;
  assumption: boolean;
}

const NRB =
  'Nationale Risicobeoordeling – Leidraad Methode 2008 (Programma Nationale ' +
  'Veiligheid, BZK): equal weights in the base case, alternative weight sets in the ' +
  'sensitivity analysis';

export const WEIGHT_PROFILES: readonly WeightProfile[] = [
  {
    id: 'model',
    description:
      'The weight each impact criterion carries in the model (the NRB base case weighs all criteria equally).',
    source: NRB,
    modelWeights: true,
    assumption: false,
  },
  {
    id: 'equal',
    description: 'Every impact criterion weighs 1, whatever the model says.',
    source: NRB,
    otherWeight: 1,
    assumption: false,
  },
  {
    id: 'human-safety-first',
    description: 'Criteria of physical security (fatalities, injured, physical suffering) weigh 3, the rest 1.',
    source: NRB,
    byVitalInterest: { 'vi-physical': 3 },
    otherWeight: 1,
    assumption: true,
  },
  {
    id: 'economy-first',
    description: 'Criteria of economic security (costs) weigh 3, the rest 1.',
    source: NRB,
    byVitalInterest: { 'vi-economic': 3 },
    otherWeight: 1,
    assumption: true,
  },
  {
    id: 'society-first',
    description:
      'Criteria of social and political stability (daily life, rule of law, ' +
      'social-psychological impact) weigh 3, the rest 1.',
    source: NRB,
    byVitalInterest: { 'vi-social-political': 3 },
    otherWeight: 1,
    assumption: true,
  },
];

export const DEFAULT_PROFILE = 'model';

export function findProfile(id: string): WeightProfile | undefined {
  return WEIGHT_PROFILES.find((p) => p.id === id);
}

/** A criterion's weight under a profile. */
export function profileWeight(
  profile: WeightProfile,
  criterion: { weight?: number; vitalInterest?: string | null },
): number {
  if (profile.modelWeights) return criterion.weight ?? 1;
  const vi = criterion.vitalInterest ?? '';
  return profile.byVitalInterest?.[vi] ?? profile.otherWeight ?? 1;
}
