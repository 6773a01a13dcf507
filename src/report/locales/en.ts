// Report wording in English; the same keys as nl.ts.
import type { nl } from './nl.js';

export const en: typeof nl = {
  title: {
    cycle: 'Cycle',
    noCycle: 'current state (no cycle)',
    date: 'Date',
    edition: 'Edition',
    party: 'Party',
    since: 'Compared with',
    brand: 'National Security Strategy',
    contents: 'Contents',
    page: 'Page {{page}} of {{total}}',
  },
  cycleStatus: { open: 'open', closed: 'closed' },
  edition: {
    public: 'Public edition',
    full: 'Full edition',
    publicNotice: 'Public edition: every classified part (restricted or confidential) has been left out.',
    fullNotice: 'Full edition: holds what the reader may see; classified parts are marked. Do not publish.',
  },
  kind: {
    'threat-picture': {
      title: 'Threat Picture of the Netherlands',
      subtitle: 'Horizon scanning: signals, likelihoods that moved and scenarios to assess again',
    },
    'risk-profile': {
      title: 'National Risk Profile',
      subtitle: 'National risk assessment: scenarios by likelihood and impact',
    },
    capabilities: {
      title: 'Capability Analysis',
      subtitle: 'Required and available capabilities: gaps, duplicates and responsibilities',
    },
    progress: { title: 'Progress Report', subtitle: 'What changed since the previous cycle' },
    party: { title: 'Party Report', subtitle: 'Responsibilities, capabilities and gaps of one party' },
  },
  class: { restricted: 'restricted', confidential: 'confidential', public: 'public' },
  col: {
    code: 'Code',
    criterion: 'Criterion',
    unit: 'Unit',
    weight: 'Weight',
    thresholds: 'Class bounds A–E',
    scenario: 'Scenario',
    horizon: 'Horizon',
    likelihood: 'Likelihood',
    impactClass: 'Impact class',
    rank: 'Rank',
    impactScore: 'Impact score',
    risk: 'Risk score',
    likelihoodScore: 'Likelihood (score 1–5)',
    view: 'Weighting or method',
    spread: 'Spread',
    capability: 'Capability',
    required: 'Required',
    available: 'Available',
    national: 'Of which national',
    shortfall: 'Shortfall',
    surplus: 'Surplus',
    lead: 'Lead',
    drivingScenario: 'Driving scenario',
    phase: 'Phase',
    gaps: 'Gaps',
    capabilities: 'Capabilities',
    holders: 'Holders',
    target: 'Subject',
    leads: 'Leads',
    kind: 'Kind',
    role: 'Role',
    capacity: 'Capacity',
    readiness: 'Readiness',
    mobilisation: 'Mobilisation (hours)',
    why: 'Involvement',
    rankBefore: 'Rank previous cycle',
    rankAfter: 'Rank now',
    classBefore: 'Class previous (L/I)',
    classAfter: 'Class now (L/I)',
    change: 'Change',
    date: 'Date',
    decision: 'Decision',
    status: 'Status',
    owner: 'Carried out by',
    note: 'Note',
    measure: 'Measure',
    before: 'Was',
    after: 'Is now',
    decidedOn: 'Decided on',
    dueOn: 'Due by',
  },
  decision: { priority: 'priority', measure: 'measure decided', status: 'status change' },
  status: { proposed: 'proposed', decided: 'decided', 'in-progress': 'in progress', done: 'done', dropped: 'dropped' },
  horizon: { short: 'short', medium: 'medium', long: 'long' },
  phase: {
    proaction: 'pro-action',
    prevention: 'prevention',
    preparation: 'preparation',
    response: 'response',
    aftercare: 'aftercare',
  },
  role: { lead: 'lead', support: 'support' },
  label: {
    VitalInterest: 'Vital interest',
    ImpactCriterion: 'Impact criterion',
    Threat: 'Threat',
    IncidentCategory: 'Incident category',
    Scenario: 'Scenario',
    Sector: 'Vital sector',
    Service: 'Vital service',
    Task: 'Task',
    Capability: 'Capability',
    Party: 'Party',
  },
  list: {
    vitalInterests: 'vital interest',
    impactCriteria: 'impact criterion',
    threats: 'threat',
    incidentCategories: 'incident category',
    scenarios: 'scenario',
    sectors: 'vital sector',
    services: 'vital service',
    tasks: 'task',
    capabilities: 'capability',
    parties: 'party',
    unknown: 'unknown',
  },
  risk: {
    method: {
      title: 'Method and sources',
      text:
        '{{scenarios}} scenarios were assessed on likelihood (class A–E over five years) and ' +
        'on impact by {{criteria}} criteria that measure the five vital interests. The ' +
        'impact on each criterion gets a class A–E; the risk score is the likelihood score ' +
        'times the weighted mean impact score (0–25).',
      sources:
        'Of the {{total}} scenarios, {{assumptions}} rest (partly) on planning assumptions ' +
        'rather than published figures; every part of the model names its source.',
      criteriaCaption: 'Impact criteria, units, weights and class bounds',
    },
    themes: {
      title: 'Scenarios by theme',
      text: 'The scenarios ordered by the threat (the theme) their incident category belongs to.',
      other: 'Other',
      caption: 'Scenarios in the theme {{theme}}',
    },
    scores: {
      title: 'Likelihood and impact',
      text: 'All scenarios ranked by risk score (weighted sum, the model’s weights).',
      caption: 'Scenarios by risk score',
      perCriterion: 'Impact class per criterion (X = not applicable)',
    },
    diagram: {
      title: 'Risk diagram',
      caption: 'Risk diagram: likelihood against impact; the larger the dot, the higher the risk',
      description:
        'Scatter plot of all scenarios with likelihood on the horizontal and impact on the ' +
        'vertical axis; the same data are in the table Scenarios by risk score.',
    },
    sensitivity: {
      title: 'Robustness of the ranking',
      text:
        'The ranking was recomputed under {{profiles}} weight profiles and with the medal ' +
        'method. A small spread means the result does not depend on the weighting.',
      chartCaption: 'Rank per weight profile and method',
      caption: 'Rank per weight profile and method, with the spread (highest minus lowest rank)',
      description:
        'Grid of scenarios against weight profiles with the rank in each cell; the same data are in the table below.',
    },
    findings: {
      title: 'Findings',
      top: 'The highest risks: {{names}}.',
      sensitive: 'Sensitive to the weighting (rank moves three or more places): {{names}}.',
      robust: 'No scenario moves three or more places under the other weightings: the ranking is robust.',
      noLikelihood: 'Without a likelihood (not ranked by risk): {{names}}.',
      priorities: 'In this cycle the cabinet gave priority to: {{names}}.',
    },
  },
  cap: {
    summary: {
      title: 'Summary',
      text:
        'Over {{scenarios}} scenarios and {{capabilities}} capabilities: {{gaps}} gaps, ' +
        '{{duplicates}} duplicates and {{international}} capabilities that suffice only with ' +
        'international help.',
      caption:
        'Balance per capability: the largest requirement over the scenarios against what is ' +
        'available (capacity × readiness)',
    },
    gaps: {
      title: 'Gaps',
      caption: 'Capabilities with a shortfall, largest first',
      none: 'There are no gaps.',
      chartCaption: 'Shortfall per capability (logarithmic scale)',
      description: 'Bar chart of the shortfall per capability; the same data are in the table below.',
    },
    themes: {
      title: 'Gaps by theme',
      text: 'Gaps when only the scenarios of one theme count.',
      caption: 'Gaps in the theme {{theme}}',
      none: 'No gaps in the theme {{theme}}.',
    },
    phases: { title: 'Gaps by phase of the safety chain', caption: 'Gaps when only the tasks of one phase count' },
    duplicates: {
      title: 'Duplicates',
      caption: 'Capabilities with more than twice the requirement across two or more holders',
      none: 'There are no duplicates.',
    },
    international: {
      title: 'Dependence on international help',
      caption: 'Sufficient only when international holders count',
      none: 'No capability suffices only with international help.',
    },
    leads: {
      title: 'Lead responsibility',
      conflicts: 'Subjects with more than one lead',
      noConflicts: 'No subject has more than one lead.',
      missing: 'Subjects without a lead',
      noMissing: 'Every subject has a lead.',
    },
  },
  party: {
    holds: 'holds',
    leads: 'leads',
    none: 'None.',
    responsibilities: { title: 'Responsibilities', caption: 'Responsibilities of the party' },
    holdings: { title: 'Capabilities held', caption: 'Capabilities the party holds' },
    services: { title: 'Vital services operated' },
    gaps: {
      title: 'Gaps and duplicates',
      caption: 'Gaps in capabilities the party holds or leads',
      none: 'No gaps in capabilities the party holds or leads.',
    },
    duplicates: {
      caption: 'Duplicates in capabilities the party holds or leads',
      none: 'No duplicates in capabilities the party holds or leads.',
    },
  },
  progress: {
    title: 'Progress',
    noPrevious: 'There is no earlier cycle to compare with.',
    moved: {
      title: 'Risks that moved',
      caption: 'Scenarios whose rank or class changed',
      none: 'No scenario changed rank or class.',
    },
    gaps: {
      title: 'Gaps closed and opened',
      text: '{{closed}} gaps were closed and {{opened}} opened.',
      caption: 'Changed gaps',
      closed: 'closed',
      opened: 'opened',
    },
    decisions: {
      title: 'Decisions in this cycle',
      caption: 'Decisions of the cabinet, in order',
      none: 'Nothing has been decided in this cycle yet.',
    },
    measures: {
      title: 'Measures',
      progressed: 'Measures that progressed',
      noneProgressed: 'No measure progressed.',
      overdue: 'Measures past their lead time and not done',
      noneOverdue: 'No decided measure is past its lead time.',
    },
  },
  threat: {
    direction: { rising: 'rising', stable: 'stable', falling: 'falling' },
    col: {
      signal: 'Signal',
      direction: 'Direction',
      strength: 'Strength (1–5)',
      scenarios: 'Scenarios',
      source: 'Source',
      why: 'Justification',
      basedOn: 'Signals',
      lastSignal: 'Last signal',
    },
    summary: {
      title: 'Summary',
      text:
        'From {{since}} to {{date}}, {{signals}} signals were observed on {{threats}} ' +
        'threats. The likelihood of {{moved}} scenarios changed; {{review}} scenarios are ' +
        'candidates for a new assessment.',
      method:
        'Horizon scanning: signals are observations between two risk assessments, with a ' +
        'date, horizon, direction, strength and source. A likelihood revision states its ' +
        'justification and the signals it rests on; the risk assessment uses the latest ' +
        'revision.',
    },
    signals: {
      title: 'Signals by threat',
      caption: 'Signals on {{threat}}, newest first',
      other: 'No threat',
      none: 'No signals were observed in this period.',
    },
    changes: {
      title: 'What changed since the previous picture',
      sinceCycle: 'Compared with cycle {{cycle}}.',
      sinceDate: 'Compared with the state on {{date}}.',
      text: '{{signals}} new signals; the likelihood of {{moved}} scenarios changed.',
      caption: 'Scenarios whose likelihood changed, and why',
      none: "No scenario's likelihood changed.",
    },
    review: {
      title: 'Candidates for review',
      text: 'Scenarios that no signal has named since {{since}}.',
      caption: 'Scenarios without a signal in the past year',
      never: 'never',
      none: 'Every scenario was named by a signal in the past year.',
    },
  },
};
