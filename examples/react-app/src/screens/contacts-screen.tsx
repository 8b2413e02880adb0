import type { CustomFieldDefinition, Filter, Person } from '@rapport/core';
import { useList } from '@rapport/react';
import { useDeferredValue, useState } from 'react';
import { lifecycleStages } from '../components/person-form';
import { capitalise } from '../format';
import { hrefOf, navigate } from '../router';
import { usePersonFields } from '../use-custom-fields';

interface Filters {
  readonly search: string;
  readonly tier: string;
  readonly lifecycle: string;
}

/** The filter-language tree of the table's filters: every filter set narrows the list further. */
function whereOf(filters: Filters): Filter<'person'> | undefined {
  const conditions: Filter<'person'>[] = [];
  const search = filters.search.trim();
  if (search !== '')
    conditions.push({
      any: [
        { field: 'fullName', op: 'contains', value: search, mode: 'insensitive' },
        { field: 'email', op: 'contains', value: search, mode: 'insensitive' },
      ],
    });
  if (filters.tier !== '') conditions.push({ field: 'custom.tier', op: 'eq', value: filters.tier });
  if (filters.lifecycle !== '')
    conditions.push({ field: 'lifecycleStage', op: 'eq', value: filters.lifecycle });
  return conditions.length === 0 ? undefined : { all: conditions };
}

function CustomCell({ field, person }: { readonly field: CustomFieldDefinition; readonly person: Person }) {
  const value = person.custom[field.key];
  if (value === null || value === undefined) return <td className="muted">–</td>;
  if (field.type === 'select') {
    const label = field.options.find((option) => option.value === value)?.label ?? String(value);
    return (
      <td>
        <span className={`badge ${String(value)}`}>{label}</span>
      </td>
    );
  }
  return <td>{String(value)}</td>;
}

/** The contacts table: search, filters on a custom field and the lifecycle, custom field columns. */
export function ContactsScreen() {
  const [filters, setFilters] = useState<Filters>({ search: '', tier: '', lifecycle: '' });
  // The table follows typing without a request per keystroke piling up ahead of the screen.
  const deferred = useDeferredValue(filters);
  const fields = usePersonFields() ?? [];
  const tierField = fields.find((field) => field.key === 'tier');
  const people = useList('person', {
    where: whereOf(deferred),
    orderBy: ['lastName', 'firstName'],
    include: ['company'],
    withTotal: true,
    limit: 100,
  });
  const page = people.data;
  return (
    <section>
      <h1>Contacts</h1>
      <div className="toolbar">
        <label>
          Search
          <input
            type="search"
            name="search"
            placeholder="Name or email"
            value={filters.search}
            onChange={(event) => setFilters({ ...filters, search: event.target.value })}
          />
        </label>
        {tierField && (
          <label>
            {tierField.label}
            <select
              name="tier"
              value={filters.tier}
              onChange={(event) => setFilters({ ...filters, tier: event.target.value })}
            >
              <option value="">Any</option>
              {tierField.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Lifecycle
          <select
            name="lifecycle"
            value={filters.lifecycle}
            onChange={(event) => setFilters({ ...filters, lifecycle: event.target.value })}
          >
            <option value="">Any</option>
            {lifecycleStages.map((stage) => (
              <option key={stage} value={stage}>
                {capitalise(stage)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <span className="muted" data-testid="contacts-total">
          {page?.total ?? '…'} contacts
        </span>
        <button className="primary" type="button" onClick={() => navigate({ screen: 'new-contact' })}>
          New contact
        </button>
      </div>
      {people.error ? <div className="banner error">{String(people.error)}</div> : null}
      <div className="panel">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Company</th>
              <th>Lifecycle</th>
              {fields.map((field) => (
                <th key={field.key}>{field.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page?.items.map((person) => (
              <tr key={person.id}>
                <td>
                  <a href={hrefOf({ screen: 'contact', id: person.id })}>{person.fullName ?? person.email}</a>
                </td>
                <td>{person.email}</td>
                <td>{person.company?.name}</td>
                <td>{capitalise(person.lifecycleStage)}</td>
                {fields.map((field) => (
                  <CustomCell key={field.key} field={field} person={person} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
