/**
 * What a new tenant starts with: the custom fields its kind of business needs. Each tenant defines its
 * own at signup, so two tenants of one server hold different fields on the same entities.
 */
import type { CustomFieldInput } from '@rapport/core';

/** The kinds of business a tenant signs up as. */
export const businessKinds = ['retail', 'agency'] as const;

/** One of {@link businessKinds}. */
export type BusinessKind = (typeof businessKinds)[number];

/** The custom fields each kind of business starts with. */
export const starterFields: Readonly<Record<BusinessKind, readonly CustomFieldInput[]>> = {
  retail: [
    { entity: 'person', key: 'loyaltyPoints', label: 'Loyalty points', type: 'number', min: 0 },
    {
      entity: 'person',
      key: 'favouriteStore',
      label: 'Favourite store',
      type: 'select',
      options: [
        { value: 'downtown', label: 'Downtown' },
        { value: 'airport', label: 'Airport' },
        { value: 'online', label: 'Online' },
      ],
    },
  ],
  agency: [
    { entity: 'company', key: 'retainer', label: 'Monthly retainer', type: 'money' },
    { entity: 'person', key: 'timezone', label: 'Time zone', type: 'text', max: 64 },
  ],
};
