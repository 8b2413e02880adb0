import type { CustomFieldDefinition, Person } from '@rapport/core';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { capitalise } from '../format';
import { errorsFor, FieldError } from './field-error';

/** The lifecycle stages a person can be in. */
export const lifecycleStages = ['lead', 'prospect', 'customer', 'churned'] as const;

/** The form-friendly error a mutation hook reports. */
export interface FormError {
  readonly code: string;
  readonly message: string;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
}

/** What the form submits: a person's input, ready for `create` or `update`. */
export interface PersonValues {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly emails: { address: string }[];
  readonly lifecycleStage: (typeof lifecycleStages)[number];
  readonly custom: Record<string, unknown>;
}

type Draft = Record<string, string>;

function draftOf(person: Person | undefined, fields: readonly CustomFieldDefinition[]): Draft {
  const draft: Draft = {
    firstName: person?.firstName ?? '',
    lastName: person?.lastName ?? '',
    email: person?.email ?? '',
    lifecycleStage: person?.lifecycleStage ?? 'lead',
  };
  for (const field of fields) {
    const value = person?.custom[field.key];
    draft[`custom.${field.key}`] = value === null || value === undefined ? '' : String(value);
  }
  return draft;
}

/**
 * A custom field's typed value from its input text. Text that is not a number is passed on as it is,
 * so the server's validation names the field instead of the form silently dropping it.
 */
function customValue(field: CustomFieldDefinition, text: string): unknown {
  if (text.trim() === '') return null;
  if (field.type === 'number' || field.type === 'decimal') {
    const number = Number(text);
    return Number.isNaN(number) ? text : number;
  }
  if (field.type === 'boolean') return text === 'true';
  return text;
}

function valuesOf(draft: Draft, fields: readonly CustomFieldDefinition[]): PersonValues {
  const custom: Record<string, unknown> = {};
  for (const field of fields) custom[field.key] = customValue(field, draft[`custom.${field.key}`] ?? '');
  const email = draft.email?.trim() ?? '';
  return {
    firstName: draft.firstName?.trim() || null,
    lastName: draft.lastName?.trim() || null,
    emails: email === '' ? [] : [{ address: email }],
    lifecycleStage: (draft.lifecycleStage ?? 'lead') as PersonValues['lifecycleStage'],
    custom,
  };
}

/** What {@link PersonForm} takes. */
export interface PersonFormProps {
  readonly person?: Person;
  readonly fields: readonly CustomFieldDefinition[];
  readonly error: FormError | null;
  readonly isSaving: boolean;
  readonly submitLabel: string;
  readonly onSubmit: (values: PersonValues) => void;
}

/**
 * A person's form: names, email, lifecycle and the tenant's custom fields, each showing its own errors
 * from the server's validation under its input.
 */
export function PersonForm({ person, fields, error, isSaving, submitLabel, onSubmit }: PersonFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(person, fields));
  const fieldErrors = error?.fieldErrors;
  const input = (
    name: string,
    label: string,
    errorPaths: readonly string[],
    type = 'text',
    inputMode?: 'numeric',
  ) => {
    const messages = errorsFor(fieldErrors, ...errorPaths);
    return (
      <label key={name}>
        {label}
        <input
          name={name}
          type={type}
          inputMode={inputMode}
          value={draft[name] ?? ''}
          aria-invalid={messages.length > 0}
          aria-describedby={messages.length > 0 ? `${name}-error` : undefined}
          onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        />
        <FieldError id={`${name}-error`} messages={messages} />
      </label>
    );
  };
  const customInput = (field: CustomFieldDefinition) => {
    const name = `custom.${field.key}`;
    const isNumber = field.type === 'number' || field.type === 'decimal';
    if (field.type !== 'select')
      return input(name, field.label, [name], 'text', isNumber ? 'numeric' : undefined);
    const messages = errorsFor(fieldErrors, name);
    return (
      <label key={name}>
        {field.label}
        <select
          name={name}
          value={draft[name] ?? ''}
          aria-invalid={messages.length > 0}
          onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        >
          <option value="">None</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <FieldError id={`${name}-error`} messages={messages} />
      </label>
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(valuesOf(draft, fields));
  };
  const unplaced = error && Object.keys(error.fieldErrors).length === 0 ? error.message : null;
  return (
    <form className="form" onSubmit={submit} noValidate>
      {input('firstName', 'First name', ['firstName'])}
      {input('lastName', 'Last name', ['lastName'])}
      {input('email', 'Email', ['email', 'emails'], 'email')}
      <label>
        Lifecycle
        <select
          name="lifecycleStage"
          value={draft.lifecycleStage}
          onChange={(event) => setDraft({ ...draft, lifecycleStage: event.target.value })}
        >
          {lifecycleStages.map((stage) => (
            <option key={stage} value={stage}>
              {capitalise(stage)}
            </option>
          ))}
        </select>
      </label>
      {fields.map(customInput)}
      <div className="actions">
        <button className="primary" type="submit" disabled={isSaving}>
          {isSaving ? 'Saving…' : submitLabel}
        </button>
        {error && (
          <span className="field-error">{unplaced ?? 'Please correct the fields marked in red.'}</span>
        )}
      </div>
    </form>
  );
}
