// Wording of the simulated figures (risk profile, capability analysis) and of a party's measures, Dutch and English.
export const simulatedNl = {
  sim: {
    bins: { below: 'onder A' },
    skipped: {
      'no-scenarios': 'Geen scenario vraagt capaciteiten; er valt niets te simuleren.',
      'too-large':
        'Niet berekend: met {{iterations}} iteraties zou dit {{work}} ' +
        'afhankelijkheid-stappen kosten, meer dan de grens van {{limit}}. Kies minder ' +
        'iteraties (--iterations) of een kleiner model.',
      'timed-out':
        'Niet (volledig) berekend: de berekening stopte na {{seconds}} seconden. Kies minder iteraties (--iterations).',
      'no-measures': 'Het model bevat geen maatregelen; er is geen pakket te kiezen.',
      'no-budget':
        'Geen budget opgegeven: het aanbevolen pakket wordt alleen berekend met een budget ' +
        '(--budget in euro’s). Hieronder staat de waarde van elke maatregel afzonderlijk.',
    },
    risk: {
      title: 'Gesimuleerde gevolgen',
      text:
        'Voor {{withRun}} van de {{total}} scenario’s is een afgeronde simulatie (Monte ' +
        'Carlo, cascade door vitale diensten) beschikbaar: {{source}}. Per scenario staan ' +
        'hieronder de verdeling van de gesimuleerde impactklasse per criterium naast het ' +
        'oordeel van de experts, en het verloop van de uitval van diensten in de tijd.',
      sourceCycle: 'de simulaties die bij het afsluiten van de cyclus zijn vastgelegd',
      sourceGraph: 'de nieuwste afgeronde simulatie per scenario in de graaf',
      none: 'Voor geen van de scenario’s in dit rapport is een afgeronde simulatie beschikbaar.',
      recomputed:
        'In deze openbare versie zijn de simulaties opnieuw doorgerekend op alleen de ' +
        'openbare onderdelen van het model, met hetzelfde scenario, aantal iteraties, ' +
        'dezelfde seed en horizon: geen cijfer bevat een bijdrage van gerubriceerde ' +
        'onderdelen.',
      noSource: 'Een rapport op een modelbestand heeft geen opgeslagen simulaties; simulaties staan in de graaf.',
      missing: 'Zonder simulatie: {{names}}.',
      run:
        'Simulatie {{id}}: {{iterations}} iteraties, seed {{seed}}, horizon {{horizon}} uur. ' +
        'Gemiddelde gewogen totale impact {{mean}} (90e percentiel {{p90}}) op de ' +
        'klasseschaal 0–5.',
      histCaption: 'Verdeling van de gesimuleerde impactklasse per criterium: {{scenario}}',
      histDescription:
        'Gestapelde staafdiagram: per impactcriterium het aandeel van de iteraties onder ' +
        'klasse A en in elke klasse A tot en met E. De tabel eronder bevat dezelfde cijfers.',
      histTable:
        'Expertoordeel en simulatie per criterium: {{scenario}} (kans per klasse over de ' +
        'iteraties; gemiddelde en 90e percentiel in de eenheid van het criterium)',
      histNote:
        'De opgeslagen simulatie bewaart per criterium de kans op elke impactklasse, het ' +
        'gemiddelde en het 90e percentiel, geen afzonderlijke iteraties; de verdeling is ' +
        'daarom die over de klassen.',
      heatCaption: 'Uitval van vitale diensten in de tijd (gemiddelde inoperabiliteit): {{scenario}}',
      heatDescription:
        'Heatmap: per vitale dienst (rijen) de gemiddelde inoperabiliteit op elk uur ' +
        '(kolommen), van 0 (wit) tot 100 % (donkeroranje). De tabel eronder geeft per dienst ' +
        'de piek, het uur van de piek en de eindstand.',
      heatTable: 'Uitval per dienst: {{scenario}}',
      heatNone: 'Geen dienst valt in deze simulatie gemiddeld meer dan 1 % uit.',
      noTimeline:
        'Deze simulatie is opgeslagen zonder tijdsverloop (weerbaar simulate zonder ' +
        '--timeline); een heatmap is er niet. Een simulatie via de API bewaart het altijd.',
    },
    cap: {
      title: 'Gesimuleerde tekorten en de waarde van het dichten',
      text:
        'Elk scenario dat capaciteiten vraagt is gesimuleerd met {{iterations}} iteraties ' +
        '(seed {{seed}}), en dezelfde iteraties zijn herhaald met telkens één capaciteit ' +
        'aangevuld tot de vraag. De kans op een tekort is het aandeel van de iteraties met ' +
        'ergens in de horizon een tekort; de waarde van het dichten is de daling van de ' +
        'gemiddelde gewogen totale impact (klasseschaal 0–5) als alleen die capaciteit wordt ' +
        'aangevuld, per scenario gewogen met zijn waarschijnlijkheid (1 als die ontbreekt) ' +
        'en opgeteld, zoals bij het maatregelenpakket.',
      chartCaption: 'Grootste kans op een tekort per capaciteit (over de scenario’s)',
      chartDescription:
        'Staafdiagram: per capaciteit met een gesimuleerd tekort de grootste kans daarop ' +
        'over de scenario’s. De tabel eronder geeft dezelfde kansen met het scenario en de ' +
        'waarde van het dichten.',
      caption:
        'Gesimuleerde tekorten per capaciteit: de grootste kans en het scenario waarin die ' +
        'optreedt, naar waarde van het dichten',
      none: 'In geen enkele iteratie van geen enkel scenario schiet een capaciteit tekort.',
    },
    portfolio: {
      title: 'Aanbevolen maatregelenpakket',
      text:
        'Het pakket met de grootste statische waarde binnen het budget van {{budget}} over ' +
        '{{years}} jaar (exacte optimalisatie, docs/portfolio.md): {{count}} maatregelen, ' +
        'kosten {{cost}}, waarde {{value}}.',
      none: 'Binnen het budget van {{budget}} over {{years}} jaar voegt geen maatregel waarde toe; het pakket is leeg.',
      robustness:
        'Robuustheid: het pakket is opnieuw bepaald voor {{profiles}} wegingsprofielen en ' +
        '{{samples}} willekeurige wegingen (seed {{seed}}). De kernindex van een maatregel ' +
        'is het aandeel van die pakketten waarin zij zit: 1 is kern (altijd kiezen), 0 is ' +
        'buiten (nooit), daartussen grensgeval.',
      simulated:
        'Gesimuleerd (gepaarde runs, {{iterations}} iteraties, seed {{seed}}): het pakket ' +
        'vermijdt een waarde van {{value}} ± {{half}} en een gewogen totale impact van ' +
        '{{avoided}} ± {{halfAvoided}} (95 %-interval).',
      caption: 'Maatregelen met kosten, waarde afzonderlijk en kernindex',
      profilesCaption: 'Het pakket per wegingsprofiel',
      labels: { core: 'kern', borderline: 'grensgeval', exterior: 'buiten' },
    },
    measures: {
      title: 'Maatregelen',
      text:
        'Maatregelen die deze partij uitvoert (eerstverantwoordelijk) of beheert (eigenaar), ' +
        'met hun status na de besluiten van de cyclus. Een maatregel is over tijd wanneer de ' +
        'doorlooptijd sinds het besluit op {{date}} verstreken is en hij niet gereed of ' +
        'vervallen is.',
      caption: 'Maatregelen van de partij',
      none: 'Deze partij voert geen maatregelen uit en beheert er geen.',
      overdue: 'over tijd',
      onTime: '–',
      roleLead: 'uitvoerder',
      roleOwner: 'eigenaar',
      overdueCount: 'Over tijd: {{count}}.',
    },
    col: {
      probability: 'Kans op tekort',
      worstScenario: 'In scenario',
      shortfallMean: 'Gem. grootste tekort daar',
      scenarios: 'Scenario’s met tekort',
      avoidedImpact: 'Waarde van dichten',
      expert: 'Expert',
      mean: 'Gemiddelde',
      p90: 'P90',
      service: 'Dienst',
      peak: 'Piek',
      peakHour: 'Uur van piek',
      final: 'Eindstand',
      hour: 'Uur',
      inoperability: 'Inoperabiliteit',
      share: 'Aandeel iteraties',
      klass: 'Impactklasse',
      criterion: 'Criterium',
      cost: 'Kosten',
      valueAlone: 'Waarde afzonderlijk',
      chosen: 'In pakket',
      coreIndex: 'Kernindex',
      robustness: 'Robuustheid',
      profile: 'Wegingsprofiel',
      measures: 'Maatregelen',
      role: 'Rol',
      instrument: 'Instrument',
      costOneOff: 'Eenmalig',
      costPerYear: 'Per jaar',
      leadTime: 'Doorlooptijd (mnd)',
      decidedOn: 'Besloten op',
      dueOn: 'Gereed uiterlijk',
      overdue: 'Over tijd',
    },
    yes: 'ja',
    no: 'nee',
    instrument: {
      policy: 'beleid',
      legislation: 'wetgeving',
      investment: 'investering',
      exercise: 'oefening',
      agreement: 'afspraak',
      organisation: 'organisatie',
    },
  },
};

export const simulatedEn: typeof simulatedNl = {
  sim: {
    bins: { below: 'below A' },
    skipped: {
      'no-scenarios': 'No scenario demands capabilities; there is nothing to simulate.',
      'too-large':
        'Not computed: with {{iterations}} iterations this would take {{work}} ' +
        'dependency-steps, more than the limit of {{limit}}. Choose fewer iterations ' +
        '(--iterations) or a smaller model.',
      'timed-out':
        'Not (fully) computed: the computation stopped after {{seconds}} seconds. Choose ' +
        'fewer iterations (--iterations).',
      'no-measures': 'The model has no measures; there is no portfolio to choose.',
      'no-budget':
        'No budget given: the recommended portfolio is only computed with a budget (--budget ' +
        'in euros). Below is the value of each measure on its own.',
    },
    risk: {
      title: 'Simulated consequences',
      text:
        'For {{withRun}} of the {{total}} scenarios a finished simulation (Monte Carlo, ' +
        'cascade through vital services) is available: {{source}}. For each scenario below: ' +
        'the distribution of the simulated impact class per criterion beside the experts’ ' +
        'judgement, and how services fail through time.',
      sourceCycle: 'the simulations recorded when the cycle was closed',
      sourceGraph: 'the newest finished simulation per scenario in the graph',
      none: 'No finished simulation is available for any scenario in this report.',
      recomputed:
        'In this public edition the simulations were computed again on the public items of ' +
        'the model only, with the same scenario, iterations, seed and horizon: no figure ' +
        'contains a contribution of classified items.',
      noSource: 'A report on a model file has no stored simulations; simulations are kept in the graph.',
      missing: 'Without a simulation: {{names}}.',
      run:
        'Simulation {{id}}: {{iterations}} iterations, seed {{seed}}, horizon {{horizon}} ' +
        'hours. Mean weighted total impact {{mean}} (90th percentile {{p90}}) on the 0–5 ' +
        'class scale.',
      histCaption: 'Distribution of the simulated impact class per criterion: {{scenario}}',
      histDescription:
        'Stacked bar chart: per impact criterion the share of iterations below class A and ' +
        'in each class A to E. The table below has the same figures.',
      histTable:
        'Expert judgement and simulation per criterion: {{scenario}} (probability of each ' +
        'class over the iterations; mean and 90th percentile in the criterion’s unit)',
      histNote:
        'A stored simulation keeps, per criterion, the probability of each impact class, the ' +
        'mean and the 90th percentile, not the single iterations; the distribution shown is ' +
        'therefore the one over the classes.',
      heatCaption: 'Vital services failing through time (mean inoperability): {{scenario}}',
      heatDescription:
        'Heat map: per vital service (rows) the mean inoperability at each hour (columns), ' +
        'from 0 (white) to 100 % (dark orange). The table below gives per service the peak, ' +
        'the hour of the peak and the final state.',
      heatTable: 'Inoperability per service: {{scenario}}',
      heatNone: 'No service fails by more than 1 % on average in this simulation.',
      noTimeline:
        'This simulation was stored without its course through time (weerbaar simulate ' +
        'without --timeline); there is no heat map. Simulations through the API always keep ' +
        'it.',
    },
    cap: {
      title: 'Simulated shortfalls and the value of closing them',
      text:
        'Every scenario that demands capabilities was simulated with {{iterations}} ' +
        'iterations (seed {{seed}}), and the same iterations were replayed with one ' +
        'capability at a time topped up to its demand. The probability of a shortfall is the ' +
        'share of iterations with a shortfall at some time within the horizon; the value of ' +
        'closing it is the drop in the mean weighted total impact (0–5 class scale) when ' +
        'only that capability is topped up, weighted per scenario by its likelihood (1 when ' +
        'absent) and summed, as for the portfolio.',
      chartCaption: 'Largest probability of a shortfall per capability (over the scenarios)',
      chartDescription:
        'Bar chart: per capability with a simulated shortfall, the largest probability of ' +
        'one over the scenarios. The table below gives the same probabilities with the ' +
        'scenario and the value of closing.',
      caption:
        'Simulated shortfalls per capability: the largest probability and the scenario it ' +
        'occurs in, by the value of closing them',
      none: 'No capability falls short in any iteration of any scenario.',
    },
    portfolio: {
      title: 'Recommended portfolio of measures',
      text:
        'The portfolio with the largest static value within the budget of {{budget}} over ' +
        '{{years}} years (exact optimisation, docs/portfolio.md): {{count}} measures, cost ' +
        '{{cost}}, value {{value}}.',
      none: 'Within the budget of {{budget}} over {{years}} years no measure adds value; the portfolio is empty.',
      robustness:
        'Robustness: the portfolio was chosen again for {{profiles}} weight profiles and ' +
        '{{samples}} random weight sets (seed {{seed}}). A measure’s core index is the share ' +
        'of those portfolios that contain it: 1 is core (always choose), 0 is exterior ' +
        '(never), anything between borderline.',
      simulated:
        'Simulated (paired runs, {{iterations}} iterations, seed {{seed}}): the portfolio ' +
        'avoids a value of {{value}} ± {{half}} and a weighted total impact of {{avoided}} ± ' +
        '{{halfAvoided}} (95 % interval).',
      caption: 'Measures with cost, value on their own and core index',
      profilesCaption: 'The portfolio per weight profile',
      labels: { core: 'core', borderline: 'borderline', exterior: 'exterior' },
    },
    measures: {
      title: 'Measures',
      text:
        'Measures this party carries out (lead) or owns, with their status after the cycle’s ' +
        'decisions. A measure is overdue when its lead time since the decision has passed on ' +
        '{{date}} and it is neither done nor dropped.',
      caption: 'The party’s measures',
      none: 'This party carries out and owns no measures.',
      overdue: 'overdue',
      onTime: '–',
      roleLead: 'lead',
      roleOwner: 'owner',
      overdueCount: 'Overdue: {{count}}.',
    },
    col: {
      probability: 'Probability of shortfall',
      worstScenario: 'In scenario',
      shortfallMean: 'Mean largest shortfall there',
      scenarios: 'Scenarios with a shortfall',
      avoidedImpact: 'Value of closing',
      expert: 'Expert',
      mean: 'Mean',
      p90: 'P90',
      service: 'Service',
      peak: 'Peak',
      peakHour: 'Hour of peak',
      final: 'Final',
      hour: 'Hour',
      inoperability: 'Inoperability',
      share: 'Share of iterations',
      klass: 'Impact class',
      criterion: 'Criterion',
      cost: 'Cost',
      valueAlone: 'Value on its own',
      chosen: 'In portfolio',
      coreIndex: 'Core index',
      robustness: 'Robustness',
      profile: 'Weight profile',
      measures: 'Measures',
      role: 'Role',
      instrument: 'Instrument',
      costOneOff: 'One-off',
      costPerYear: 'Per year',
      leadTime: 'Lead time (months)',
      decidedOn: 'Decided on',
      dueOn: 'Due',
      overdue: 'Overdue',
    },
    yes: 'yes',
    no: 'no',
    instrument: {
      policy: 'policy',
      legislation: 'legislation',
      investment: 'investment',
      exercise: 'exercise',
      agreement: 'agreement',
      organisation: 'organisation',
    },
  },
};
