/**
 * The named RFM groups, with the names RFM guides give them (Putler's eleven groups; the rfm R package
 * uses most of them too): stored in `rfm.segment` under these keys.
 *
 * @example
 * ```ts
 * rfmSegments.includes('champions'); // true
 * ```
 */
export const rfmSegments = [
  'champions',
  'loyal',
  'potentialLoyalist',
  'newCustomers',
  'promising',
  'needAttention',
  'aboutToSleep',
  'atRisk',
  'cannotLoseThem',
  'hibernating',
  'lost',
] as const;

/**
 * A named RFM group.
 *
 * @example
 * ```ts
 * const winBack: RfmSegment[] = ['atRisk', 'cannotLoseThem'];
 * await crm.people.list({ where: { field: 'rfm.segment', op: 'in', value: winBack } });
 * ```
 */
export type RfmSegment = (typeof rfmSegments)[number];

/**
 * The group of each recency score (rows, 5 down to 1) and FM score (columns, 1 to 5), where FM is the
 * mean of the frequency and monetary scores with halves rounded up. Every one of the 125 score
 * combinations falls in exactly one group.
 */
const grid: Readonly<Record<number, readonly RfmSegment[]>> = {
  5: ['newCustomers', 'potentialLoyalist', 'potentialLoyalist', 'champions', 'champions'],
  4: ['promising', 'potentialLoyalist', 'potentialLoyalist', 'loyal', 'champions'],
  3: ['aboutToSleep', 'needAttention', 'needAttention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'atRisk', 'atRisk', 'cannotLoseThem'],
  1: ['lost', 'lost', 'atRisk', 'cannotLoseThem', 'cannotLoseThem'],
};

/**
 * The named group of three scores from 1 to 5.
 *
 * @example
 * ```ts
 * rfmSegmentOf(5, 5, 4); // 'champions'
 * rfmSegmentOf(1, 5, 5); // 'cannotLoseThem'
 * rfmSegmentOf(5, 1, 1); // 'newCustomers'
 * ```
 */
export function rfmSegmentOf(recency: number, frequency: number, monetary: number): RfmSegment {
  const fm = Math.ceil((frequency + monetary) / 2);
  return grid[recency]?.[fm - 1] as RfmSegment;
}
