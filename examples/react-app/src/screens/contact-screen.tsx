import type { Activity } from '@rapport/core';
import { useRecord, useTimeline, useUpdate } from '@rapport/react';
import { useState } from 'react';
import type { PersonValues } from '../components/person-form';
import { PersonForm } from '../components/person-form';
import { capitalise, formatDate } from '../format';
import { hrefOf } from '../router';
import { usePersonFields } from '../use-custom-fields';

function Timeline({ activities }: { readonly activities: readonly Activity[] }) {
  if (activities.length === 0) return <p className="muted">No activity yet.</p>;
  return (
    <ol className="timeline">
      {activities.map((activity) => (
        <li key={activity.id}>
          <div className="when">
            {capitalise(activity.type)} · {formatDate(activity.occurredAt)}
          </div>
          <div>{activity.subject ?? activity.body}</div>
          {activity.subject && activity.body && <div className="muted">{activity.body}</div>}
        </li>
      ))}
    </ol>
  );
}

/** One contact: the edit form, with the server's validation errors by field, and the timeline. */
export function ContactScreen({ id }: { readonly id: string }) {
  const person = useRecord('person', id);
  const timeline = useTimeline('person', id);
  const update = useUpdate('person');
  const fields = usePersonFields();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  const save = (values: PersonValues) => {
    if (person.data === undefined) return;
    update.mutate(
      { id, changes: values, version: person.data.version },
      { onSuccess: (saved) => setSavedVersion(saved.version) },
    );
  };

  if (person.error) return <div className="banner error">{person.error.message}</div>;
  if (person.data === undefined || fields === undefined) return <p className="muted">Loading…</p>;
  return (
    <section>
      <p>
        <a href={hrefOf({ screen: 'contacts' })}>← Contacts</a>
      </p>
      <h1>{person.data.fullName ?? person.data.email}</h1>
      <div className="two-columns">
        <div className="panel">
          <h2>Details</h2>
          {savedVersion !== null && update.error === null && (
            <div className="banner ok" role="status">
              Saved (version {savedVersion}).
            </div>
          )}
          <PersonForm
            key={person.data.id}
            person={person.data}
            fields={fields}
            error={update.error}
            isSaving={update.status === 'pending'}
            submitLabel="Save"
            onSubmit={save}
          />
        </div>
        <div className="panel">
          <h2>Timeline</h2>
          <Timeline activities={timeline.data?.items ?? []} />
        </div>
      </div>
    </section>
  );
}
