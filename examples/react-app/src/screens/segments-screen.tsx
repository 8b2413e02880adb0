import type { Filter, Segment } from '@rapport/core';
import { useRapportClient, useSegmentCount } from '@rapport/react';
import { useState } from 'react';
import { lifecycleStages } from '../components/person-form';
import { useAsync } from '../use-async';

type Operator = 'eq' | 'ne' | 'gte' | 'lte' | 'contains' | 'endsWith';

/** The fields a condition can test, with the operators and the kind of value each takes. */
const catalog = {
  lifecycleStage: { label: 'Lifecycle', ops: ['eq', 'ne'], values: lifecycleStages },
  'custom.tier': { label: 'Tier', ops: ['eq', 'ne'], values: ['gold', 'silver', 'bronze'] },
  'custom.nps': { label: 'NPS', ops: ['gte', 'lte', 'eq'], values: null },
  region: { label: 'Region', ops: ['eq', 'ne'], values: ['North', 'South', 'East', 'West'] },
  email: { label: 'Email', ops: ['contains', 'endsWith'], values: null },
} as const satisfies Record<
  string,
  { label: string; ops: readonly Operator[]; values: readonly string[] | null }
>;

type FieldKey = keyof typeof catalog;

const operatorLabels: Readonly<Record<Operator, string>> = {
  eq: 'is',
  ne: 'is not',
  gte: 'at least',
  lte: 'at most',
  contains: 'contains',
  endsWith: 'ends with',
};

interface Condition {
  readonly field: FieldKey;
  readonly op: Operator;
  readonly value: string;
}

/** The filter-language tree of the builder's conditions; conditions without a value are left out. */
function filterOf(conditions: readonly Condition[], match: 'all' | 'any'): Filter<'person'> | undefined {
  const complete = conditions.filter((condition) => condition.value.trim() !== '');
  if (complete.length === 0) return undefined;
  const nodes = complete.map((condition) => ({
    field: condition.field,
    op: condition.op,
    value: condition.field === 'custom.nps' ? Number(condition.value) : condition.value,
    ...(condition.op === 'contains' || condition.op === 'endsWith' ? { mode: 'insensitive' as const } : {}),
  })) as Filter<'person'>[];
  return match === 'all' ? { all: nodes } : { any: nodes };
}

function ConditionRow(props: {
  readonly condition: Condition;
  readonly onChange: (condition: Condition) => void;
  readonly onRemove: () => void;
}) {
  const { condition, onChange, onRemove } = props;
  const spec = catalog[condition.field];
  return (
    <div className="condition">
      <select
        aria-label="Field"
        value={condition.field}
        onChange={(event) => {
          const field = event.target.value as FieldKey;
          onChange({ field, op: catalog[field].ops[0], value: '' });
        }}
      >
        {Object.entries(catalog).map(([key, entry]) => (
          <option key={key} value={key}>
            {entry.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Operator"
        value={condition.op}
        onChange={(event) => onChange({ ...condition, op: event.target.value as Operator })}
      >
        {spec.ops.map((op) => (
          <option key={op} value={op}>
            {operatorLabels[op]}
          </option>
        ))}
      </select>
      {spec.values ? (
        <select
          aria-label="Value"
          value={condition.value}
          onChange={(event) => onChange({ ...condition, value: event.target.value })}
        >
          <option value="">Choose…</option>
          {spec.values.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      ) : (
        <input
          aria-label="Value"
          inputMode={condition.field === 'custom.nps' ? 'numeric' : undefined}
          value={condition.value}
          onChange={(event) => onChange({ ...condition, value: event.target.value })}
        />
      )}
      <button type="button" onClick={onRemove} aria-label="Remove condition">
        ✕
      </button>
    </div>
  );
}

function SavedSegment({ segment }: { readonly segment: Segment }) {
  const count = useSegmentCount(segment.id);
  return (
    <tr>
      <td>{segment.name}</td>
      <td>{segment.kind}</td>
      <td>{count.data ?? '…'}</td>
    </tr>
  );
}

/** A segment builder: conditions, a live count of the people they match, and saving the segment. */
export function SegmentsScreen() {
  const client = useRapportClient();
  const [conditions, setConditions] = useState<Condition[]>([
    { field: 'lifecycleStage', op: 'eq', value: 'customer' },
    { field: 'custom.nps', op: 'gte', value: '8' },
  ]);
  const [match, setMatch] = useState<'all' | 'any'>('all');
  const [name, setName] = useState('Promoters');
  const [saved, setSaved] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);
  const where = filterOf(conditions, match);
  const preview = useAsync(() => client.people.count({ where }), JSON.stringify(where ?? null));
  const segments = useAsync(() => client.segments.list({ entity: 'person' }), `segments:${saved}`);

  const save = async () => {
    setSaveError(null);
    try {
      await client.segments.create({ entity: 'person', kind: 'dynamic', name, filter: where ?? null });
      setSaved((count) => count + 1);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section>
      <h1>Segments</h1>
      <div className="two-columns">
        <div className="panel">
          <h2>
            People matching{' '}
            <select
              aria-label="Match"
              value={match}
              onChange={(event) => setMatch(event.target.value as 'all' | 'any')}
            >
              <option value="all">all</option>
              <option value="any">any</option>
            </select>{' '}
            of these conditions
          </h2>
          <div className="conditions">
            {conditions.map((condition, index) => (
              <ConditionRow
                // Rows have no identity of their own; their position is what the user edits.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                condition={condition}
                onChange={(next) => setConditions(conditions.map((old, at) => (at === index ? next : old)))}
                onRemove={() => setConditions(conditions.filter((_, at) => at !== index))}
              />
            ))}
          </div>
          <div className="toolbar">
            <button
              type="button"
              onClick={() => setConditions([...conditions, { field: 'custom.tier', op: 'eq', value: '' }])}
            >
              Add condition
            </button>
            <span className="spacer" />
            <div>
              <div className="muted">Matching now</div>
              <div className="count" data-testid="preview-count">
                {preview.error ? '!' : (preview.data ?? '…')}
              </div>
            </div>
          </div>
          <div className="toolbar">
            <label>
              Segment name
              <input value={name} onChange={(event) => setName(event.target.value)} />
            </label>
            <button className="primary" type="button" onClick={save}>
              Save segment
            </button>
          </div>
          {saveError && <div className="banner error">{saveError}</div>}
        </div>
        <div className="panel">
          <h2>Saved segments</h2>
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Members</th>
              </tr>
            </thead>
            <tbody>
              {segments.data?.map((segment) => (
                <SavedSegment key={segment.id} segment={segment} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
