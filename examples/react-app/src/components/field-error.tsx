/** Keys of a form-friendly error's `fieldErrors` that belong to one form field. */
export function errorsFor(
  fieldErrors: Readonly<Record<string, readonly string[]>> | undefined,
  ...paths: readonly string[]
): string[] {
  if (fieldErrors === undefined) return [];
  return Object.entries(fieldErrors)
    .filter(([key]) => paths.some((path) => key === path || key.startsWith(`${path}.`)))
    .flatMap(([, messages]) => messages);
}

/** The messages of one field, shown right under its input; nothing when it has none. */
export function FieldError({ id, messages }: { readonly id: string; readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {messages.join(' ')}
    </p>
  );
}
