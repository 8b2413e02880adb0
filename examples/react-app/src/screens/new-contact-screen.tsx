import { useCreate } from '@rapport/react';
import type { PersonValues } from '../components/person-form';
import { PersonForm } from '../components/person-form';
import { hrefOf, navigate } from '../router';
import { usePersonFields } from '../use-custom-fields';

/** A form for a new contact; on success it opens the contact's page. */
export function NewContactScreen() {
  const create = useCreate('person');
  const fields = usePersonFields();
  const save = (values: PersonValues) =>
    create.mutate(values, { onSuccess: (person) => navigate({ screen: 'contact', id: person.id }) });
  return (
    <section>
      <p>
        <a href={hrefOf({ screen: 'contacts' })}>← Contacts</a>
      </p>
      <h1>New contact</h1>
      <div className="panel">
        {fields === undefined ? (
          <p className="muted">Loading…</p>
        ) : (
          <PersonForm
            fields={fields}
            error={create.error}
            isSaving={create.status === 'pending'}
            submitLabel="Create contact"
            onSubmit={save}
          />
        )}
      </div>
    </section>
  );
}
