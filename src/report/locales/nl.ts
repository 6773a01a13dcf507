// Report wording in Dutch (the default).
export const nl = {
  title: {
    cycle: 'Cyclus',
    noCycle: 'actuele stand (geen cyclus)',
    date: 'Datum',
    edition: 'Versie',
    party: 'Partij',
    since: 'Vergeleken met',
    brand: 'Strategie Nationale Veiligheid',
    contents: 'Inhoud',
    page: 'Pagina {{page}} van {{total}}',
  },
  cycleStatus: { open: 'open', closed: 'afgesloten' },
  edition: {
    public: 'Openbare versie',
    full: 'Volledige versie',
    publicNotice: 'Openbare versie: alle gerubriceerde onderdelen (beperkt of vertrouwelijk) zijn weggelaten.',
    fullNotice:
      'Volledige versie: bevat wat de lezer mag inzien; gerubriceerde onderdelen zijn gemarkeerd. Niet openbaar maken.',
  },
  kind: {
    'threat-picture': {
      title: 'Dreigingsbeeld Nederland',
      subtitle: 'Horizonscan: signalen, verschoven waarschijnlijkheden en scenario’s om opnieuw te beoordelen',
    },
    'risk-profile': {
      title: 'Risicobeeld Nederland',
      subtitle: 'Nationale risicobeoordeling: scenario’s naar waarschijnlijkheid en impact',
    },
    capabilities: {
      title: 'Capaciteitenanalyse',
      subtitle: 'Benodigde en beschikbare capaciteiten: tekorten, overlap en verantwoordelijkheden',
    },
    progress: { title: 'Voortgangsrapportage', subtitle: 'Wat veranderde sinds de vorige cyclus' },
    party: { title: 'Partijrapportage', subtitle: 'Verantwoordelijkheden, capaciteiten en tekorten van één partij' },
  },
  class: { restricted: 'beperkt', confidential: 'vertrouwelijk', public: 'openbaar' },
  col: {
    code: 'Code',
    criterion: 'Criterium',
    unit: 'Eenheid',
    weight: 'Gewicht',
    thresholds: 'Klassegrenzen A–E',
    scenario: 'Scenario',
    horizon: 'Horizon',
    likelihood: 'Waarschijnlijkheid',
    impactClass: 'Impactklasse',
    rank: 'Rang',
    impactScore: 'Impactscore',
    risk: 'Risicoscore',
    likelihoodScore: 'Waarschijnlijkheid (score 1–5)',
    view: 'Weging of methode',
    spread: 'Spreiding',
    capability: 'Capaciteit',
    required: 'Benodigd',
    available: 'Beschikbaar',
    national: 'Waarvan nationaal',
    shortfall: 'Tekort',
    surplus: 'Overschot',
    lead: 'Eerstverantwoordelijke',
    drivingScenario: 'Bepalend scenario',
    phase: 'Fase',
    gaps: 'Tekorten',
    capabilities: 'Capaciteiten',
    holders: 'Houders',
    target: 'Onderwerp',
    leads: 'Eerstverantwoordelijken',
    kind: 'Soort',
    role: 'Rol',
    capacity: 'Omvang',
    readiness: 'Gereedheid',
    mobilisation: 'Mobilisatietijd (uur)',
    why: 'Betrokkenheid',
    rankBefore: 'Rang vorige cyclus',
    rankAfter: 'Rang nu',
    classBefore: 'Klasse vorige (W/I)',
    classAfter: 'Klasse nu (W/I)',
    change: 'Verandering',
    date: 'Datum',
    decision: 'Besluit',
    status: 'Status',
    owner: 'Uitvoerder',
    note: 'Toelichting',
    measure: 'Maatregel',
    before: 'Was',
    after: 'Is nu',
    decidedOn: 'Besloten op',
    dueOn: 'Gereed uiterlijk',
  },
  decision: { priority: 'prioriteit', measure: 'maatregel besloten', status: 'statuswijziging' },
  status: {
    proposed: 'voorgesteld',
    decided: 'besloten',
    'in-progress': 'in uitvoering',
    done: 'gereed',
    dropped: 'vervallen',
  },
  horizon: { short: 'kort', medium: 'middellang', long: 'lang' },
  phase: {
    proaction: 'proactie',
    prevention: 'preventie',
    preparation: 'preparatie',
    response: 'respons',
    aftercare: 'nazorg',
  },
  role: { lead: 'eerstverantwoordelijk', support: 'ondersteunend' },
  label: {
    VitalInterest: 'Vitaal belang',
    ImpactCriterion: 'Impactcriterium',
    Threat: 'Dreiging',
    IncidentCategory: 'Incidentcategorie',
    Scenario: 'Scenario',
    Sector: 'Vitale sector',
    Service: 'Vitale dienst',
    Task: 'Taak',
    Capability: 'Capaciteit',
    Party: 'Partij',
  },
  list: {
    vitalInterests: 'vitaal belang',
    impactCriteria: 'impactcriterium',
    threats: 'dreiging',
    incidentCategories: 'incidentcategorie',
    scenarios: 'scenario',
    sectors: 'vitale sector',
    services: 'vitale dienst',
    tasks: 'taak',
    capabilities: 'capaciteit',
    parties: 'partij',
    unknown: 'onbekend',
  },
  risk: {
    method: {
      title: 'Methode en bronnen',
      text:
        '{{scenarios}} scenario’s zijn beoordeeld op waarschijnlijkheid (klasse A–E over ' +
        'vijf jaar) en op impact volgens {{criteria}} criteria die de vijf vitale belangen ' +
        'meten. De impact per criterium krijgt een klasse A–E; de risicoscore is de ' +
        'waarschijnlijkheidsscore maal de gewogen gemiddelde impactscore (0–25).',
      sources:
        'Van de {{total}} scenario’s berusten er {{assumptions}} (deels) op ' +
        'planningsaannames in plaats van gepubliceerde cijfers; de bron staat bij elk ' +
        'onderdeel van het model.',
      criteriaCaption: 'Impactcriteria, eenheden, gewichten en klassegrenzen',
    },
    themes: {
      title: 'Scenario’s per thema',
      text: 'De scenario’s geordend naar de dreiging (het thema) waartoe hun incidentcategorie behoort.',
      other: 'Overig',
      caption: 'Scenario’s in het thema {{theme}}',
    },
    scores: {
      title: 'Waarschijnlijkheid en impact',
      text: 'Rangorde van alle scenario’s naar risicoscore (gewogen som, gewichten van het model).',
      caption: 'Scenario’s naar risicoscore',
      perCriterion: 'Impactklasse per criterium (X = niet van toepassing)',
    },
    diagram: {
      title: 'Risicodiagram',
      caption: 'Risicodiagram: waarschijnlijkheid tegen impact; hoe groter de stip, hoe hoger het risico',
      description:
        'Spreidingsdiagram van alle scenario’s met waarschijnlijkheid op de horizontale en ' +
        'impact op de verticale as; dezelfde gegevens staan in de tabel Scenario’s naar ' +
        'risicoscore.',
    },
    sensitivity: {
      title: 'Robuustheid van de rangorde',
      text:
        'De rangorde is herberekend onder {{profiles}} wegingsprofielen en met de ' +
        'medaillemethode. Een kleine spreiding betekent dat de uitkomst niet afhangt van de ' +
        'weging.',
      chartCaption: 'Rang per wegingsprofiel en methode',
      caption: 'Rang per wegingsprofiel en methode, met de spreiding (hoogste min laagste rang)',
      description:
        'Raster van scenario’s tegen wegingsprofielen met in elke cel de rang; dezelfde ' +
        'gegevens staan in de tabel eronder.',
    },
    findings: {
      title: 'Bevindingen',
      top: 'De hoogste risico’s: {{names}}.',
      sensitive: 'Gevoelig voor de weging (rang verschuift drie of meer plaatsen): {{names}}.',
      robust: 'Geen scenario verschuift drie of meer plaatsen onder de andere wegingen: de rangorde is robuust.',
      noLikelihood: 'Zonder waarschijnlijkheid (niet gerangschikt op risico): {{names}}.',
      priorities: 'Het kabinet gaf in deze cyclus prioriteit aan: {{names}}.',
    },
  },
  cap: {
    summary: {
      title: 'Samenvatting',
      text:
        'Over {{scenarios}} scenario’s en {{capabilities}} capaciteiten: {{gaps}} tekorten, ' +
        '{{duplicates}} gevallen van overlap en {{international}} capaciteiten die alleen ' +
        'met internationale hulp toereikend zijn.',
      caption:
        'Balans per capaciteit: het grootste benodigde volume over de scenario’s tegen het ' +
        'beschikbare (omvang × gereedheid)',
    },
    gaps: {
      title: 'Tekorten',
      caption: 'Capaciteiten met een tekort, grootste eerst',
      none: 'Er zijn geen tekorten.',
      chartCaption: 'Tekort per capaciteit (logaritmische schaal)',
      description: 'Staafdiagram van het tekort per capaciteit; dezelfde gegevens staan in de tabel eronder.',
    },
    themes: {
      title: 'Tekorten per thema',
      text: 'Tekorten wanneer alleen de scenario’s van één thema meetellen.',
      caption: 'Tekorten in het thema {{theme}}',
      none: 'Geen tekorten in het thema {{theme}}.',
    },
    phases: {
      title: 'Tekorten per fase van de veiligheidsketen',
      caption: 'Tekorten wanneer alleen de taken van één fase meetellen',
    },
    duplicates: {
      title: 'Overlap',
      caption: 'Capaciteiten met meer dan het dubbele van het benodigde bij twee of meer houders',
      none: 'Er is geen overlap.',
    },
    international: {
      title: 'Afhankelijkheid van internationale hulp',
      caption: 'Alleen toereikend als internationale houders meetellen',
      none: 'Geen capaciteit is alleen met internationale hulp toereikend.',
    },
    leads: {
      title: 'Eerstverantwoordelijkheid',
      conflicts: 'Onderwerpen met meer dan één eerstverantwoordelijke',
      noConflicts: 'Geen onderwerp heeft meer dan één eerstverantwoordelijke.',
      missing: 'Onderwerpen zonder eerstverantwoordelijke',
      noMissing: 'Elk onderwerp heeft een eerstverantwoordelijke.',
    },
  },
  party: {
    holds: 'houdt',
    leads: 'eerstverantwoordelijk',
    none: 'Geen.',
    responsibilities: { title: 'Verantwoordelijkheden', caption: 'Verantwoordelijkheden van de partij' },
    holdings: { title: 'Capaciteiten in bezit', caption: 'Capaciteiten die de partij houdt' },
    services: { title: 'Vitale diensten in beheer' },
    gaps: {
      title: 'Tekorten en overlap',
      caption: 'Tekorten in capaciteiten die de partij houdt of waarvoor zij eerstverantwoordelijk is',
      none: 'Geen tekorten in capaciteiten die de partij houdt of leidt.',
    },
    duplicates: {
      caption: 'Overlap in capaciteiten die de partij houdt of leidt',
      none: 'Geen overlap in capaciteiten die de partij houdt of leidt.',
    },
  },
  progress: {
    title: 'Voortgang',
    noPrevious: 'Er is geen eerdere cyclus om mee te vergelijken.',
    moved: {
      title: 'Verschoven risico’s',
      caption: 'Scenario’s waarvan rang of klasse veranderde',
      none: 'Geen scenario veranderde van rang of klasse.',
    },
    gaps: {
      title: 'Gesloten en nieuwe tekorten',
      text: '{{closed}} tekorten zijn gesloten en {{opened}} nieuw ontstaan.',
      caption: 'Veranderde tekorten',
      closed: 'gesloten',
      opened: 'nieuw',
    },
    decisions: {
      title: 'Besluiten in deze cyclus',
      caption: 'Besluiten van het kabinet, in volgorde',
      none: 'In deze cyclus is nog niets besloten.',
    },
    measures: {
      title: 'Maatregelen',
      progressed: 'Maatregelen die verder kwamen',
      noneProgressed: 'Geen maatregel kwam verder.',
      overdue: 'Maatregelen over hun doorlooptijd en niet gereed',
      noneOverdue: 'Geen besloten maatregel is over zijn doorlooptijd.',
    },
  },
  threat: {
    direction: { rising: 'stijgend', stable: 'gelijkblijvend', falling: 'dalend' },
    col: {
      signal: 'Signaal',
      direction: 'Richting',
      strength: 'Sterkte (1–5)',
      scenarios: 'Scenario’s',
      source: 'Bron',
      why: 'Onderbouwing',
      basedOn: 'Signalen',
      lastSignal: 'Laatste signaal',
    },
    summary: {
      title: 'Samenvatting',
      text:
        'Van {{since}} tot {{date}} zijn {{signals}} signalen waargenomen over {{threats}} ' +
        'dreigingen. Van {{moved}} scenario’s veranderde de waarschijnlijkheid; {{review}} ' +
        'scenario’s zijn kandidaat voor een nieuwe beoordeling.',
      method:
        'Horizonscan: signalen zijn waarnemingen tussen twee risicobeoordelingen, met datum, ' +
        'horizon, richting, sterkte en bron. Een herziening van de waarschijnlijkheid noemt ' +
        'haar onderbouwing en de signalen waarop zij steunt; de risicobeoordeling gebruikt ' +
        'de laatste herziening.',
    },
    signals: {
      title: 'Signalen per dreiging',
      caption: 'Signalen bij {{threat}}, nieuwste eerst',
      other: 'Zonder dreiging',
      none: 'In deze periode zijn geen signalen waargenomen.',
    },
    changes: {
      title: 'Wat veranderde sinds het vorige beeld',
      sinceCycle: 'Vergeleken met cyclus {{cycle}}.',
      sinceDate: 'Vergeleken met de stand op {{date}}.',
      text: '{{signals}} nieuwe signalen; van {{moved}} scenario’s veranderde de waarschijnlijkheid.',
      caption: 'Scenario’s waarvan de waarschijnlijkheid veranderde, en waarom',
      none: 'Van geen scenario veranderde de waarschijnlijkheid.',
    },
    review: {
      title: 'Kandidaten voor herbeoordeling',
      text: 'Scenario’s die geen signaal heeft genoemd sinds {{since}}.',
      caption: 'Scenario’s zonder signaal in het afgelopen jaar',
      never: 'nooit',
      none: 'Elk scenario is in het afgelopen jaar door een signaal genoemd.',
    },
  },
};
