// Every GraphQL operation the explorer sends, in one place, with the shape of its answer.
// test/explorer/queries.test.ts validates each operation against the checked-in schema.graphql, so a change of the
// API that breaks the page fails a unit test instead of a browser at run time.
import type { InoperabilityStats, SimulationResult, Timeline } from '../simulation/types.js';

export type { InoperabilityStats, SimulationResult, Timeline };

// ---- The model graph: one paged query per root connection ---------------------------------------------------------

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
export type Ref = { id: string } | null;
/** A node as the graph connections return it; the relationship fields differ per root (below). */
export interface RawNode {
  __typename: string;
  id: string;
  name: string;
  classification: string;
  [field: string]: unknown;
}
export type PageAnswer = Record<string, { pageInfo: PageInfo; edges: { node: RawNode }[] }>;

const page = (root: string, fields: string) => /* GraphQL */ `
  query ${root[0]!.toUpperCase()}${root.slice(1)}Page($first: Int!, $after: String) {
    ${root}(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { __typename id name classification ${fields} } }
    }
  }`;

/** Per root connection: the query that pages through it (extra node fields and the relationships read from it). */
export const GRAPH_PAGES = {
  vitalInterests: page('vitalInterests', ''),
  impactCriteria: page('impactCriteria', 'unit weight vitalInterest { id }'),
  threats: page('threats', 'cluster nature'),
  incidentCategories: page('incidentCategories', 'threats { id }'),
  scenarios: page(
    'scenarios',
    `likelihood likelihoodClass horizon incidentCategory { id }
    disruptions { service { id } inoperability durationHours }
    requirements { task { id } demand }
    scores { criterion { id } value class }`,
  ),
  sectors: page('sectors', ''),
  services: page(
    'services',
    `recoveryRate sector { id }
    dependsOn { to { id } strength probability delayHours }
    triggers { task { id } demandPerInoperabilityHour }`,
  ),
  tasks: page('tasks', 'phase unit needs { capability { id } perUnit }'),
  capabilities: page(
    'capabilities',
    `unit holders { party { id } capacity readiness mobilisationHours }
    mitigates { service { id } reduction }`,
  ),
  parties: page('parties', 'kind responsibilities { target { id } role } operates { service { id } }'),
  signals: page(
    'signals',
    'observedOn horizon direction strength threats { id } incidentCategories { id } scenarios { id }',
  ),
} as const;

export type GraphRoot = keyof typeof GRAPH_PAGES;

// ---- Sign-in check: any request with the token; the server answers 401 for a bad one -------------------------------

export const PING = /* GraphQL */ `
  query Ping {
    __typename
  }
`;

// ---- Details of one node -------------------------------------------------------------------------------------------

export const NODE_DETAILS = /* GraphQL */ `
  query Details($id: ID!) {
    node(id: $id) {
      id
      description
      source
      assumption
      owner
      responsibleParties {
        role
        party {
          id
          name
        }
      }
    }
  }
`;

export interface NodeDetailsAnswer {
  node: {
    id: string;
    description: string | null;
    source: string | null;
    assumption: boolean;
    owner: string | null;
    responsibleParties: { role: string; party: { id: string; name: string } | null }[];
  } | null;
}

// ---- Gap analysis --------------------------------------------------------------------------------------------------

export const GAP_ANALYSIS = /* GraphQL */ `
  query Gaps {
    gapAnalysis {
      balance {
        capability {
          id
          name
        }
        required
        available
        shortfall
        duplicate
      }
      multipleLeads {
        target {
          id
          name
          label
        }
        leads {
          id
          name
        }
      }
      uncoveredTasks {
        id
      }
      unheldCapabilities {
        id
      }
      targetsWithoutLead {
        id
      }
      scenarios {
        id
      }
    }
  }
`;

export interface GapAnswer {
  gapAnalysis: {
    balance: {
      capability: { id: string; name: string };
      required: number;
      available: number;
      shortfall: number;
      duplicate: boolean;
    }[];
    multipleLeads: {
      target: { id: string; name: string; label: string } | null;
      leads: { id: string; name: string }[];
    }[];
    uncoveredTasks: { id: string }[];
    unheldCapabilities: { id: string }[];
    targetsWithoutLead: { id: string }[];
    scenarios: { id: string }[];
  };
}

// ---- Risk diagram --------------------------------------------------------------------------------------------------

/** The ranking methods of riskAssessment(method:). */
export const RISK_METHODS = ['WEIGHTED_SUM', 'MEDAL'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];

/** The scenario horizons of the strategy's analysis phase (riskAssessment(horizons:), gapAnalysis(horizons:)). */
export const HORIZONS = ['short', 'medium', 'long'] as const;
export type Horizon = (typeof HORIZONS)[number];

/** `horizons` null: every scenario (also those without a horizon); a list: only scenarios of those horizons. */
export const RISK_ASSESSMENT = /* GraphQL */ `
  query Risk($method: RiskMethod, $horizons: [Horizon!]) {
    riskAssessment(method: $method, horizons: $horizons) {
      method
      diagram {
        scenario {
          id
          name
          horizon
        }
        likelihoodScore
        likelihoodClass
        impactScore
        impactClass
        riskScore
        rank
      }
    }
  }
`;

export interface RiskPoint {
  scenario: { id: string; name: string; horizon: string | null };
  likelihoodScore: number;
  likelihoodClass: string | null;
  impactScore: number;
  impactClass: string | null;
  riskScore: number;
  rank: number;
}
export interface RiskAnswer {
  riskAssessment: { method: string; diagram: RiskPoint[] };
}

// ---- Map: regions, and where capacity sits for one scenario --------------------------------------------------------

/** The regions (with their positions) and the scenarios with the regions they hit, for the map's choices. */
export const MAP_REGIONS = /* GraphQL */ `
  query MapRegions {
    regions(first: 1000) {
      edges {
        node {
          id
          name
          lat
          lon
        }
      }
    }
    scenarios(first: 1000) {
      edges {
        node {
          id
          name
          regions {
            id
          }
        }
      }
    }
  }
`;

export interface MapRegion {
  id: string;
  name: string;
  lat: number;
  lon: number;
}
export interface MapRegionsAnswer {
  regions: { edges: { node: MapRegion }[] };
  scenarios: { edges: { node: { id: string; name: string; regions: { id: string }[] } }[] };
}

/** One scenario's capability balance, counting holdings that arrive within `withinHours`, with where they sit. */
export const MAP_GAPS = /* GraphQL */ `
  query MapGaps($scenarioIds: [ID!], $withinHours: Float) {
    gapAnalysis(scenarioIds: $scenarioIds, withinHours: $withinHours) {
      balance {
        capability {
          id
          name
          unit
        }
        scenario {
          id
        }
        required
        available
        shortfall
        holders {
          party {
            id
            name
          }
          region {
            id
          }
          available
          arrivalHours
          counted
          national
        }
        regions {
          region {
            id
          }
          capacity
          available
        }
      }
    }
  }
`;

export interface MapHolder {
  party: { id: string; name: string };
  region: { id: string } | null;
  available: number;
  arrivalHours: number;
  counted: boolean;
  national: boolean;
}
export interface MapBalance {
  capability: { id: string; name: string; unit: string };
  scenario: { id: string } | null;
  required: number;
  available: number;
  shortfall: number;
  holders: MapHolder[];
  regions: { region: { id: string } | null; capacity: number; available: number }[];
}
export interface MapGapsAnswer {
  gapAnalysis: { balance: MapBalance[] };
}

// ---- Simulation ----------------------------------------------------------------------------------------------------

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL: ReadonlySet<RunStatus> = new Set(['done', 'failed', 'cancelled']);

export const RUN_SIMULATION = /* GraphQL */ `
  mutation Run($input: SimulationInput!) {
    runSimulation(input: $input) {
      id
      status
    }
  }
`;

export interface RunSimulationAnswer {
  runSimulation: { id: string; status: RunStatus };
}

/** Followed over server-sent events: the first event is the run's current state, the last a terminal one. */
export const SIMULATION_PROGRESS = /* GraphQL */ `
  subscription Progress($runId: ID!) {
    simulationProgress(runId: $runId) {
      runId
      status
      progress
      iterationsDone
      error
    }
  }
`;

export interface ProgressEvent {
  runId: string;
  status: RunStatus;
  progress: number;
  iterationsDone: number;
  error: string | null;
}
export interface ProgressAnswer {
  simulationProgress: ProgressEvent;
}

export const SIMULATION_RUN = /* GraphQL */ `
  query RunResult($id: ID!) {
    simulationRun(id: $id) {
      id
      status
      error
      scenarioId
      result
    }
  }
`;

export interface RunAnswer {
  simulationRun: {
    id: string;
    status: RunStatus;
    error: string | null;
    scenarioId: string;
    result: SimulationResult | null;
  } | null;
}

// ---- Keeping one's own holdings current ----------------------------------------------------------------------------

export const EDIT_HOLDING = /* GraphQL */ `
  mutation EditHolding($party: ID!, $capability: ID!, $edit: HoldingEditInput!, $reason: String!) {
    editHolding(party: $party, capability: $capability, edit: $edit, reason: $reason) {
      capacity
      readiness
      mobilisationHours
    }
  }
`;

export interface HoldingValues {
  capacity: number;
  readiness: number;
  mobilisationHours: number;
}
export interface EditHoldingAnswer {
  editHolding: HoldingValues;
}

export const HOLDING_HISTORY = /* GraphQL */ `
  query HoldingHistory($party: ID!, $capability: ID!) {
    holdingHistory(party: $party, capability: $capability) {
      at
      subject
      role
      party
      action
      reason
      capacity
      readiness
      mobilisationHours
    }
  }
`;

export interface HoldingChange {
  at: string;
  subject: string;
  role: string;
  party: string | null;
  action: string;
  reason: string | null;
  capacity: number | null;
  readiness: number | null;
  mobilisationHours: number | null;
}
export interface HoldingHistoryAnswer {
  holdingHistory: HoldingChange[];
}

// ---- Measures: the best portfolio under a budget, with gaps and risk before and after ------------------------------

export const PORTFOLIO = /* GraphQL */ `
  query Portfolio($budget: Float!) {
    portfolio(budget: $budget) {
      budget
      years
      cost
      value
      chosen
      measures {
        id
        cost
        value
        chosen
        coreIndex
        label
        measure {
          id
          name
        }
      }
      gaps {
        capability {
          id
          name
          unit
        }
        scenario {
          id
          name
        }
        required
        availableBefore
        availableAfter
        shortfallBefore
        shortfallAfter
      }
      risk {
        scenario {
          id
          name
        }
        likelihoodScore
        likelihoodClass
        impactBefore
        impactAfter
        impactClassBefore
        impactClassAfter
        riskBefore
        riskAfter
        rankBefore
        rankAfter
      }
    }
  }
`;

export interface PortfolioMeasure {
  id: string;
  cost: number;
  value: number;
  chosen: boolean;
  coreIndex: number;
  label: string;
  measure: { id: string; name: string } | null;
}
export interface PortfolioGap {
  capability: { id: string; name: string; unit: string | null } | null;
  scenario: { id: string; name: string } | null;
  required: number;
  availableBefore: number;
  availableAfter: number;
  shortfallBefore: number;
  shortfallAfter: number;
}
export interface PortfolioRisk {
  scenario: { id: string; name: string };
  likelihoodScore: number;
  likelihoodClass: string | null;
  impactBefore: number;
  impactAfter: number;
  impactClassBefore: string | null;
  impactClassAfter: string | null;
  riskBefore: number;
  riskAfter: number;
  rankBefore: number;
  rankAfter: number;
}
export interface PortfolioAnswer {
  portfolio: {
    budget: number;
    years: number;
    cost: number;
    value: number;
    chosen: string[];
    measures: PortfolioMeasure[];
    gaps: PortfolioGap[];
    risk: PortfolioRisk[];
  };
}

// ---- Reports: which cycles exist (a progress report needs two) ----------------------------------------------------

/** The report kinds GET /reports/<kind> serves (src/report/document.ts). */
export const REPORT_KINDS = ['risk-profile', 'capabilities', 'threat-picture', 'party', 'progress'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_CYCLES = /* GraphQL */ `
  query ReportCycles {
    cycles {
      id
      status
      openedAt
      closedAt
    }
  }
`;

export interface ReportCycle {
  id: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
}
export interface ReportCyclesAnswer {
  cycles: ReportCycle[];
}

/** Every operation, for the schema test. */
export const ALL_OPERATIONS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(GRAPH_PAGES).map(([k, q]) => [`page:${k}`, q])),
  PING,
  NODE_DETAILS,
  GAP_ANALYSIS,
  RISK_ASSESSMENT,
  MAP_REGIONS,
  MAP_GAPS,
  RUN_SIMULATION,
  SIMULATION_PROGRESS,
  SIMULATION_RUN,
  EDIT_HOLDING,
  HOLDING_HISTORY,
  PORTFOLIO,
  REPORT_CYCLES,
};
