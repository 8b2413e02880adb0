/** Seeded, deterministic people for the benchmarks: the same inputs on every run. */

/** A small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Ann',
  'Bob',
  'Chloé',
  'David',
  'Emma',
  'Farid',
  'Grace',
  'Hugo',
  'Inès',
  'Jonas',
  'Kenji',
  'Léa',
];
const lastNames = [
  'Martin',
  'Durand',
  'Petit',
  'Nguyen',
  'Schmidt',
  'García',
  'Rossi',
  'Kowalski',
  'Smith',
  'Okafor',
];
const regions = ['North', 'South', 'East', 'West', 'Central'];
const stages = ['lead', 'prospect', 'customer', 'churned'] as const;

/** The create input of person number `index`. */
export function personInput(index: number, random: () => number) {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return {
    firstName: pick(firstNames),
    lastName: pick(lastNames),
    emails: [{ address: `person${index}@example.com` }],
    phones: [{ number: `+1415${String(2_000_000 + index).padStart(7, '0')}` }],
    region: pick(regions),
    birthday: `19${50 + Math.floor(random() * 50)}-${month}-${day}`,
    lifecycleStage: pick(stages),
    source: 'import',
    tags: random() < 0.2 ? ['vip'] : [],
  };
}
