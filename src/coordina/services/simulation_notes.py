"""The modelling choices of an impact simulation, said in every report (and in the README's
"Simulating an agreement")."""

NOTES = [
    "Claims: each person claims an old-age pension once, on the first day of the month after reaching the latest "
    "pensionable age among the agreement's old-age schemes (the scheme data's table in force then), or on 1 January "
    "of the first year if reached before; no claim where a recorded death comes first, where that day is after the "
    "horizon, or where no scheme's data give the person's pensionable age. A person without a sex, where the ages "
    "differ by sex, takes the later one.",
    "Careers end the day before the claim: later periods are dropped and a period running over it is cut, its "
    "earnings shared by days. People without a claim in the horizon who are posted in it are decided (at the day "
    "after the horizon) for their applicable legislation only.",
    "With and without: one decision of the batch kernel per person gives both. With the agreement: eligible with "
    "totalization and the payable amount, paid abroad where the agreement's export rules allow. Without: eligible "
    "under national law alone and the independent amount, paid abroad only where the scheme's own export rule "
    "allows it (unrestricted: paid; none: not paid; a minimum period: the person's own months compared; "
    "restricted: unknown; proportional: paid at a reduced rate the scheme data give only in words, so unknown).",
    "Amounts per month, fortnight or week are 12, 26 or 52 a year. Where a decision leaves eligibility, an amount or "
    "payment abroad unknown, the claim is counted as unknown and left out of the sums (never taken as zero).",
    "Expected benefits of year y: the yearly amount x months paid in y / 12 x (1 + the paying country's indexation) "
    "^ (y - claim year) x the chance of being alive on 1 January of y given alive at the claim (life table; a "
    "recorded death instead ends payment with its month) x take-up. Survivors' and invalidity benefits, lump-sum "
    "refunds and means tests beyond what the scheme data decide are not modelled.",
    "Residence: the person's residence in the population is taken as their residence throughout the payment.",
    "Scheme data past their last published value: the latest value of every dated parameter is carried forward; "
    "yearly tables are extended past their last year, grown with wage growth where listed (wage_indexed_tables), "
    "else unchanged. Later claims therefore use the last known nominal parameters.",
    "Contributions no longer paid: for each stretch of applicable legislation under a posting rule in the horizon, "
    "the host party's schemes in the agreement's material scope with contribution rates assess the stretch's share "
    "of its period's earnings (converted to the host's currency at the year's rates), employee and employer, under "
    "their rates and ceilings; beyond a posting limit the host's legislation applies and nothing is saved. A host "
    "without contribution rates in the scheme data gives unknown, never zero.",
    "Net cost of a party: benefits added (with - without) plus the contributions it no longer receives for workers "
    "posted to it. Present values discount year y by (1 + discount rate) ^ (y - first year).",
    "Exchange rates: a year uses the last rate dated on or before its 1 July; later years carry the last known rate "
    "forward (table rates, column carried_forward).",
    "A drawn population draws deaths (with its own flat placeholder rate) up to the day its file names "
    "(coordina population --until); for the people it leaves alive, the life table counts only the years after "
    "that day. For a register, it counts from each claim.",
]
